"""The tokenizer.json equivalent of open_clip's SimpleTokenizer, its corpus and parity check."""

import gzip

from .common import CONTEXT_LENGTH, EOT_ID, PAD_ID, SOT_ID
from .model import get_tokenizer
from .render import caption_samples


def build_hf_tokenizer():
    import ftfy.chardata as cd
    import open_clip.tokenizer as oct
    from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors
    from tokenizers import AddedToken

    st = oct.SimpleTokenizer()
    merges = gzip.open(oct.default_bpe()).read().decode("utf-8").split("\n")[1:49152 - 256 - 2 + 1]
    merges = [tuple(m.split()) for m in merges]
    vocab = dict(st.encoder)
    assert vocab["<start_of_text>"] == SOT_ID and vocab["<end_of_text>"] == EOT_ID and len(vocab) == 49408

    bpe = models.BPE(vocab=vocab, merges=merges, continuing_subword_prefix="", end_of_word_suffix="</w>",
                     fuse_unk=False, unk_token=None)
    tk = Tokenizer(bpe)

    def esc(ch):
        return "\\x{%X}" % ord(ch)

    norm = []
    # ftfy.fix_text emulation (the parts expressible as string replacements):
    for code in sorted(cd.CONTROL_CHARS):  # remove_control_chars
        norm.append(normalizers.Replace(chr(code), ""))
    for src, dst in sorted(cd.LIGATURES.items()):  # fix_latin_ligatures
        norm.append(normalizers.Replace(chr(src), dst))
    for src, dst in sorted(cd.WIDTH_MAP.items()):  # fix_character_width
        norm.append(normalizers.Replace(chr(src), dst))
    norm.append(normalizers.Replace(Regex("[\u02bc\u2018-\u201b]"), "'"))  # uncurl_quotes
    norm.append(normalizers.Replace(Regex("[\u201c-\u201f]"), '"'))
    # html.unescape (ftfy once when the text has no '<', then open_clip twice): common entities only
    entities = [("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&#39;", "'"), ("&#x27;", "'"),
                ("&apos;", "'"), ("&nbsp;", "\u00a0"), ("&amp;", "&")]
    for _ in range(2):
        for src, dst in entities:
            norm.append(normalizers.Replace(src, dst))
    norm.append(normalizers.NFC())
    ws = "".join(esc(chr(c)) for c in range(0x110000) if chr(c).isspace())
    norm.append(normalizers.Replace(Regex(f"[{ws}]+"), " "))  # " ".join(text.split())
    norm.append(normalizers.Strip())
    norm.append(normalizers.Lowercase())
    tk.normalizer = normalizers.Sequence(norm)
    tk.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Split(Regex(r"""'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+"""),
                             behavior="removed", invert=True),
        pre_tokenizers.ByteLevel(add_prefix_space=False, trim_offsets=False, use_regex=False),
    ])
    tk.add_special_tokens([AddedToken("<start_of_text>", special=True, normalized=True),
                           AddedToken("<end_of_text>", special=True, normalized=True)])
    tk.post_processor = processors.TemplateProcessing(
        single="<start_of_text> $A <end_of_text>", pair="<start_of_text> $A <end_of_text> $B <end_of_text>",
        special_tokens=[("<start_of_text>", SOT_ID), ("<end_of_text>", EOT_ID)])
    tk.decoder = decoders.ByteLevel()
    tk.enable_truncation(max_length=CONTEXT_LENGTH, strategy="longest_first", direction="right")
    tk.enable_padding(direction="right", pad_id=PAD_ID, pad_type_id=0, pad_token="!", length=CONTEXT_LENGTH)
    return tk


TOKENIZER_CONFIG = {
    "tokenizer_class": "CLIPTokenizer",
    "model_max_length": CONTEXT_LENGTH,
    "bos_token": "<start_of_text>",
    "eos_token": "<end_of_text>",
    "pad_token": "!",
    "unk_token": None,
    "do_lower_case": True,
    "padding_side": "right",
    "truncation_side": "right",
    "add_prefix_space": False,
    "clean_up_tokenization_spaces": False,
    "errors": "replace",
    "comment": "Equivalent of open_clip SimpleTokenizer: pad id 0 ('!'), sot 49406, eot 49407, "
               "truncation to 77 keeps eot as the last token.",
}

LONG_500 = " ".join(["word%d" % (i % 37) if i % 5 else "photograph" for i in range(500)])
TOKEN_CORPUS = [
    "", " ", "   \t\n  ", "a", "A photo of a cat", "two small red circles on a white background",
    "TWO SMALL RED CIRCLES ON A WHITE BACKGROUND", "  lots   of\t\twhitespace \n\n here  ",
    "café crème brûlée", "naïve façade über straße", "Ångström résumé", "e\u0301 combining accent (e + U+0301)",
    "日本語のテキスト", "中文字符串测试", "한국어 텍스트", "Привет мир", "Γειά σου Κόσμε", "ΟΔΟΣ",
    "مرحبا بالعالم", "שלום עולם", "हिन्दी पाठ", "🐱🐶 cats and dogs 🎉", "👨‍👩‍👧‍👦 family emoji ZWJ",
    "🇫🇷 flag", "rock &amp; roll", "&lt;b&gt;bold&lt;/b&gt;", "Tom &amp;amp; Jerry", "&quot;quoted&quot;",
    "it's they're we've I'm you'll he'd can't", "IT'S THEY'RE", "it’s curly ‘quotes’ “double”",
    "hello, world! how are you?", "punctuation...!!!???;;::", "(parentheses) [brackets] {braces}",
    "email@example.com http://example.com/path?q=1&x=2", "numbers 12345 and 3.14159 and 1,000,000",
    "under_score snake_case CamelCase kebab-case", "tabs\tand\nnewlines\r\nmixed", "ﬁne ﬂour (ligatures)",
    "ＦＵＬＬＷＩＤＴＨ ｔｅｘｔ １２３", "non\u00a0breaking\u2009thin\u3000ideographic spaces",
    "zero\u200bwidth\u200bspace", "soft\u00adhyphen", "<end_of_text> literal special", "<|endoftext|> hf style",
    "x" * 100, "supercalifragilisticexpialidocious antidisestablishmentarianism",
    "İstanbul DİYARBAKIR", "emoji🙂attached🙂words", "$100 €50 £20 ¥1000 ₿", "a\u0000b\u0007c control chars",
    LONG_500,
]


def hf_ids(tk, texts):
    return [e.ids for e in tk.encode_batch(texts)]


def tokenizer_parity(path, texts=None):
    from tokenizers import Tokenizer
    tk = Tokenizer.from_file(str(path))
    tok = get_tokenizer()
    texts = texts if texts is not None else TOKEN_CORPUS + caption_samples()
    ref = tok(texts).tolist()
    got = hf_ids(tk, texts)
    mism = [{"text": t, "open_clip": r, "tokenizer_json": g} for t, r, g in zip(texts, ref, got) if r != g]
    return {"total": len(texts), "exact": len(texts) - len(mism), "mismatches": mism}
