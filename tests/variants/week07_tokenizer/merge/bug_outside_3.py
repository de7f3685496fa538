# bug[wrong-math]: 拼成空格分隔的字符串再 str.replace, 数字边界没对齐: [11, 2] 里的 "1 2" 也被当成 (1, 2) 合并
def merge(ids, pair, new_id):
    s = " ".join(str(i) for i in ids)
    s = s.replace(f"{pair[0]} {pair[1]}", str(new_id))
    return [int(t) for t in s.split()]
