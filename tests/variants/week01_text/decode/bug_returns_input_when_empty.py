# bug[aliasing]: 空输入时直接 return ids: 返回的就是调用者传进来的那个列表对象
def decode(ids, vocab):
    if not ids:
        return ids
    id_to_token = {i: tok for tok, i in vocab.items()}
    return [id_to_token[int(i)] for i in ids]
