"""迷你 GPT (mini-GPT): 只由 PyTorch 自己的层搭成的仅解码器 (decoder-only) 字级语言模型。

第 5 周的 notebook 用它在人民日报上训练, 第 6 周加载它来练习解码。它只用
`nn.Embedding`、`nn.TransformerEncoderLayer` (带因果掩码, 即 GPT 式的解码器块) 和 `nn.LayerNorm`,
从不导入、也不抄写第 5 周练习的答案 (缩放点积注意力、多头注意力、LayerNorm、Transformer 块都是学生要写的)。

这里有:
- `MiniGPTConfig`: 配置 dataclass, 每个字段一行注释 (nanoGPT 的 GPTConfig 风格)
- `MiniGPT`: forward(idx) 返回 logits (B, T, |V|); `attention_weights(idx)` 取出每层每个头的注意力权重
- `lm_loss`: 教师强制 (teacher forcing) 下的交叉熵
- `encode_stream` / `random_batch`: 把若干行编码成一条 id 流, 用显式的 torch.Generator 取随机窗口
- `train`: 一个很小的训练循环 (AdamW, tqdm 进度条写到 stdout)
- `save` / `load`: 配置与参数一起存取

刻意不包含: 任何解码策略 (贪心、束搜索、温度、top-k、top-p, 都是第 6 周的练习), 没有 `generate`;
也没有困惑度评估 (第 4 周的练习)、学习率调度、混合精度与分布式训练。

Example:
    >>> cfg = MiniGPTConfig(vocab_size=10, block_size=8, n_layer=1, n_head=2, d_model=16, d_ff=32)
    >>> MiniGPT(cfg)(torch.zeros(2, 5, dtype=torch.long)).shape
    torch.Size([2, 5, 10])
"""
from __future__ import annotations

import dataclasses
import math
import sys
import time
from pathlib import Path

import torch
import torch.nn.functional as F
from torch import nn

IGNORE_INDEX = -100  # 不计损失的目标 (F.cross_entropy 的默认 ignore_index)
BOS_ID = 1            # 共用字表里 <s> 的编号 (course.data.char_vocabulary 的固定顺序)

@dataclasses.dataclass
class MiniGPTConfig:
    vocab_size: int = 4039    # 词表大小 |V| (len(course.data.char_vocabulary()), 共用字级词表)
    block_size: int = 64      # 最长上下文 T_max: 位置嵌入的个数
    n_layer: int = 2          # Transformer 块的层数
    n_head: int = 4           # 每层注意力头数, 须整除 d_model
    d_model: int = 128        # 隐藏维度 (嵌入维度)
    d_ff: int = 512           # 前馈网络 (FFN) 的中间维度, 通常 4 * d_model
    dropout: float = 0.0      # dropout 概率; 小模型、短训练时不需要
    tie_weights: bool = True  # 输出层与词嵌入共享权重 (GPT-2 的做法, 省 |V| * d_model 个参数)


class MiniGPT(nn.Module):
    """仅解码器的字级语言模型: 词嵌入 + 可学习的位置嵌入 → n_layer 个 pre-LN 块 → LayerNorm → 输出层。

    Example: MiniGPT(MiniGPTConfig(vocab_size=10))(torch.tensor([[1, 2, 3]])).shape -> (1, 3, 10)
    """

    def __init__(self, config: MiniGPTConfig):
        super().__init__()
        self.config = config
        self.tok_emb = nn.Embedding(config.vocab_size, config.d_model)
        self.pos_emb = nn.Embedding(config.block_size, config.d_model)  # 可学习的位置 (GPT-2 式)
        self.drop = nn.Dropout(config.dropout)
        self.blocks = nn.ModuleList(
            nn.TransformerEncoderLayer(config.d_model, config.n_head, config.d_ff, config.dropout,
                                       activation="gelu", batch_first=True, norm_first=True)
            for _ in range(config.n_layer)
        )
        self.ln_f = nn.LayerNorm(config.d_model)
        self.head = nn.Linear(config.d_model, config.vocab_size, bias=False)
        if config.tie_weights:
            self.head.weight = self.tok_emb.weight
        self.apply(self._init_weights)

    @staticmethod
    def _init_weights(module: nn.Module) -> None:
        if isinstance(module, nn.Linear):
            nn.init.normal_(module.weight, std=0.02)
            if module.bias is not None:
                nn.init.zeros_(module.bias)
        elif isinstance(module, nn.Embedding):
            nn.init.normal_(module.weight, std=0.02)

    @staticmethod
    def causal_mask(T: int, device=None) -> torch.Tensor:
        """加性因果掩码 (T, T): 未来位置为 -inf, 其余为 0 (PyTorch 自带的构造)。"""
        return nn.Transformer.generate_square_subsequent_mask(T, device=device)  # (T, T)

    def _embed(self, idx: torch.Tensor) -> torch.Tensor:
        T = idx.shape[1]
        if T > self.config.block_size:
            raise ValueError(f"序列长度 {T} 超过 block_size={self.config.block_size}")
        pos = torch.arange(T, device=idx.device)
        return self.drop(self.tok_emb(idx) + self.pos_emb(pos))  # (B, T, C)

    def forward(self, idx: torch.Tensor) -> torch.Tensor:
        """idx: (B, T) 的 long 词元 id, T <= block_size → logits (B, T, |V|)。

        位置 t 的 logits 只依赖 idx[:, :t+1] (因果掩码)。
        """
        x = self._embed(idx)  # (B, T, C)
        mask = self.causal_mask(idx.shape[1], idx.device)  # (T, T)
        for block in self.blocks:
            x = block(x, src_mask=mask, is_causal=True)  # (B, T, C)
        return self.head(self.ln_f(x))  # (B, T, V)

    @torch.no_grad()
    def attention_weights(self, idx: torch.Tensor) -> torch.Tensor:
        """每层每个头的注意力权重 (n_layer, B, n_head, T, T), 每行和为 1 (用于画热力图)。"""
        x = self._embed(idx)  # (B, T, C)
        mask = self.causal_mask(idx.shape[1], idx.device)  # (T, T)
        maps = []
        for block in self.blocks:
            h = block.norm1(x)  # pre-LN: 注意力看到的是归一化后的输入
            _, w = block.self_attn(h, h, h, attn_mask=mask, need_weights=True,
                                   average_attn_weights=False)  # (B, nh, T, T)
            maps.append(w)
            x = block(x, src_mask=mask, is_causal=True)  # (B, T, C)
        return torch.stack(maps)  # (L, B, nh, T, T)


def lm_loss(logits: torch.Tensor, targets: torch.Tensor, ignore_index: int = IGNORE_INDEX) -> torch.Tensor:
    """教师强制的交叉熵: logits (B, T, V), targets (B, T) → 标量 (每个词元的平均负对数似然, 自然对数)。"""
    return F.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1), ignore_index=ignore_index)


def encode_stream(lines: list[list[str]], vocab) -> torch.Tensor:
    """把字序列的列表编码成一条 id 流: 每行前加 <s>、后加 </s>; 词表外的字记为 <unk>。

    Example: encode_stream([['的']], ('<unk>', '<s>', '</s>', '的')) -> tensor([1, 3, 2])
    """
    stoi = {ch: i for i, ch in enumerate(vocab)}
    bos, eos, unk = stoi["<s>"], stoi["</s>"], stoi["<unk>"]
    ids = []
    for line in lines:
        ids.append(bos)
        ids.extend(stoi.get(ch, unk) for ch in line)
        ids.append(eos)
    return torch.tensor(ids, dtype=torch.long)


def random_batch(stream: torch.Tensor, batch_size: int, block_size: int,
                 generator: torch.Generator, ignore_id: int | None = BOS_ID) -> tuple[torch.Tensor, torch.Tensor]:
    """随机取 batch_size 个长度为 block_size + 1 的窗口; 输入是前 T 个, 目标是后 T 个 (错开一位)。

    目标是 ignore_id (默认 <s>) 的位置换成 IGNORE_INDEX, 不计损失: 困惑度协议 (course.perplexity) 里
    <s> 从不是预测目标, 所以模型也不学 "</s> 之后是 <s>" —— 每行的开头由我们放进去, 不由模型预测。
    返回 (x, y), 都是 (B, T) 的 long 张量, 在 CPU 上。
    """
    starts = torch.randint(0, len(stream) - block_size - 1, (batch_size,), generator=generator)  # (B,)
    offsets = torch.arange(block_size + 1)  # (T+1,)
    windows = stream[starts[:, None] + offsets]  # (B, T+1)
    x, y = windows[:, :-1], windows[:, 1:]  # (B, T), (B, T)
    if ignore_id is not None:
        y = y.masked_fill(y == ignore_id, IGNORE_INDEX)
    return x, y


def train(model: MiniGPT, stream: torch.Tensor, *, steps: int, batch_size: int = 32, lr: float = 3e-3,
          generator: torch.Generator, device=None, progress: bool = True,
          max_seconds: float | None = None) -> list[float]:
    """AdamW 训练 steps 步, 返回每一步的训练损失 (自然对数的交叉熵)。max_seconds 只是安全网: 触发时打印警告。

    随机性只来自 generator (取批次); 进度条写到 stdout (nbgrader 见到 stderr 会给 0 分)。
    Example: train(model, stream, steps=10, generator=torch.Generator().manual_seed(0))
    """
    from tqdm.auto import tqdm

    device = device or next(model.parameters()).device
    model.to(device).train()
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    losses, start = [], time.perf_counter()
    bar = tqdm(range(steps), file=sys.stdout, disable=not progress, desc="训练 mini-GPT")
    for _ in bar:
        x, y = random_batch(stream, batch_size, model.config.block_size, generator)
        x, y = x.to(device), y.to(device)
        loss = lm_loss(model(x), y)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        losses.append(loss.item())
        if len(losses) % 20 == 0:
            bar.set_postfix(loss=f"{loss.item():.3f}", ppl=f"{math.exp(loss.item()):.0f}")
        if max_seconds is not None and time.perf_counter() - start > max_seconds:
            # 安全网, 不是预算: 触发时大声说出来, 这次的数字与别的机器上的不可比
            print(f"⚠ 警告 (warning): 超过安全时限 {max_seconds:.0f} 秒, 只训练了 {len(losses)}/{steps} 步就停下了; "
                  "结果与按步数训练完的不同", flush=True)
            break
    bar.close()
    model.eval()
    return losses


def save(model: MiniGPT, path, vocab=None) -> None:
    """把配置、参数 (和可选的词表) 存进一个文件。Example: save(model, tmp_path / 'minigpt.pt', vocab)"""
    torch.save({"config": dataclasses.asdict(model.config),
                "state_dict": {k: v.detach().cpu() for k, v in model.state_dict().items()},
                "vocab": list(vocab) if vocab is not None else None}, Path(path))


def load(path, device=None) -> tuple[MiniGPT, tuple[str, ...] | None]:
    """读回 save 存的模型, 返回 (model, vocab); 模型处于 eval 模式。Example: model, vocab = load(p)"""
    ckpt = torch.load(Path(path), map_location="cpu", weights_only=True)
    model = MiniGPT(MiniGPTConfig(**ckpt["config"]))
    model.load_state_dict(ckpt["state_dict"])
    vocab = tuple(ckpt["vocab"]) if ckpt.get("vocab") is not None else None
    return model.to(device or "cpu").eval(), vocab
