# 正确: 外部测试者只看学生版 notebook 写的实现 (写法 b)
def merge(ids, pair, new_id):
    """把 ids 里从左到右不重叠的 pair 换成 new_id, 返回新列表。"""
    first, second = pair[0], pair[1]
    result = []
    skip = False
    last = len(ids) - 1
    for pos, tok in enumerate(ids):
        if skip:
            skip = False
            continue
        if pos < last and tok == first and ids[pos + 1] == second:
            result.append(new_id)
            skip = True
        else:
            result.append(tok)
    return result
