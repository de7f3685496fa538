# bug[mutation]: 原地除法 /=, 把调用者的 logits 也改了
def apply_temperature(logits, temperature):
    logits /= temperature
    return logits
