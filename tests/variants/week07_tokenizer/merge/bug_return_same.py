# bug[aliasing]: 没有可合并的位置时直接返回原来的列表 (与参数是同一个对象)
def merge(ids, pair, new_id):
    if tuple(pair) not in set(zip(ids, ids[1:])):
        return ids
    out = []
    i = 0
    while i < len(ids):
        if i + 1 < len(ids) and ids[i] == pair[0] and ids[i + 1] == pair[1]:
            out.append(new_id)
            i += 2
        else:
            out.append(ids[i])
            i += 1
    return out
