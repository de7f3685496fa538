# bug[aliasing]: T = 1 时 "省一次除法" 直接返回输入本身, 调用者改返回值就改了输入
def apply_temperature(logits, temperature):
    if temperature <= 0:
        raise ValueError("温度必须为正数")
    if temperature == 1:
        return logits
    return logits / temperature
