# bug[error-path]: 没有检查温度, T <= 0 时不抛 ValueError (T = 0 得到 inf/nan, T < 0 把分布倒过来)
def apply_temperature(logits, temperature):
    return logits / temperature
