import math


def cosine_similarity(a, b):
    """纯 Python: 先把两个向量各自归一化, 再求点积。"""
    a = [float(x) for x in a]
    b = [float(x) for x in b]
    norm_a = math.sqrt(sum(x * x for x in a))
    norm_b = math.sqrt(sum(x * x for x in b))
    if norm_a == 0.0 or norm_b == 0.0:
        return 0.0
    return sum((x / norm_a) * (y / norm_b) for x, y in zip(a, b))
