# 正确: enumerate + 一个 "跳过下一个" 的标志
def merge(ids, pair, new_id):
    a, b = pair
    out, skip = [], False
    for i, t in enumerate(ids):
        if skip:
            skip = False
            continue
        if t == a and i + 1 < len(ids) and ids[i + 1] == b:
            out.append(new_id)
            skip = True
        else:
            out.append(t)
    return out
