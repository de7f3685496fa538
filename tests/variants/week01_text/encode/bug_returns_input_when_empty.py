# bug[aliasing]: 空输入时直接 return tokens: 返回的就是调用者传进来的那个列表对象, 往结果里追加会改掉输入
def encode(tokens, vocab, unk="<unk>"):
    if not tokens:
        return tokens
    unk_id = vocab[unk]
    return [vocab.get(tok, unk_id) for tok in tokens]
