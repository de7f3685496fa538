# 正确: 外部测试者只看学生版 notebook 写的实现 (写法 a)
def merge(ids, pair, new_id):
    """把 ids 里从左到右不重叠的 pair 换成 new_id, 返回新列表。"""
    a, b = pair
    out = []
    i, n = 0, len(ids)
    while i < n:
        if i + 1 < n and ids[i] == a and ids[i + 1] == b:
            out.append(new_id)
            i += 2
        else:
            out.append(ids[i])
            i += 1
    return out
