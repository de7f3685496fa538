# bug[wrong-math]: 乘以温度而不是除以温度
def apply_temperature(logits, temperature):
    return logits * temperature
