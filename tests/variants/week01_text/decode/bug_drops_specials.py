# bug[wrong-math]: 解码时去掉了特殊符号 <pad>, 结果变短
def decode(ids, vocab):
    id_to_token = {i: tok for tok, i in vocab.items()}
    return [id_to_token[i] for i in ids if id_to_token[i] != "<pad>"]
