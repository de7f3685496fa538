# bug[wrong-math]: 把词元拼成了一个字符串返回, 而不是词元列表
def decode(ids, vocab):
    id_to_token = {i: tok for tok, i in vocab.items()}
    return "".join(id_to_token[i] for i in ids)
