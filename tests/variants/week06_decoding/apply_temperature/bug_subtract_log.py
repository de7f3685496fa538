# bug[wrong-math]: 在 logits 上减去 ln T (只是平移, softmax 根本不变)
import math


def apply_temperature(logits, temperature):
    return logits - math.log(temperature)
