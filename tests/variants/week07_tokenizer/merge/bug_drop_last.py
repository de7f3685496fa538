# bug[edge-shape]: 循环只走到倒数第二个位置, 没被合并掉的最后一个 id 丢了 (长度 1 的输入返回空列表)
def merge(ids, pair, new_id):
    out = []
    i = 0
    while i < len(ids) - 1:
        if (ids[i], ids[i + 1]) == tuple(pair):
            out.append(new_id)
            i += 2
        else:
            out.append(ids[i])
            i += 1
    return out
