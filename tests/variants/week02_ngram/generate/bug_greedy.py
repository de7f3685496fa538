# bug[wrong-math]: 总是取概率最大的词元 (贪心), 根本没有采样
def generate(next_dist, n, rng, max_len=50):
    history = ["<s>"] * (n - 1)
    out = []
    while len(out) < max_len:
        dist = next_dist(tuple(history[len(history) - (n - 1):]))
        token = max(dist, key=dist.get)
        if token == "</s>":
            break
        out.append(token)
        history.append(token)
    return out
