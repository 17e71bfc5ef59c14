from knowledge.search.document import pinyin_views
from knowledge.search.normalize import normalize, runs
from knowledge.search.pinyin import _load_table as load_shipped_table
from knowledge.search.pinyin import generate_table, readings, segmentations


def test_normalize_folds_width_case_traditional_and_punctuation() -> None:
    assert normalize("退貨運費ＡＢＣ　１２，好的！") == "退货运费abc 12 好的"
    assert normalize("  Refund_Late!! ") == "refund late"
    assert normalize("會員升級") == "会员升级"
    assert normalize("\x00\x07😀") == ""


def test_runs_split_han_from_words() -> None:
    assert runs("退款abc 12") == ["退款", "abc", "12"]


def test_polyphones_keep_two_readings() -> None:
    assert readings("重") == ("zhong", "chong")
    assert readings("a") == ()


def test_segmentation_reads_whole_and_half_typed_syllables() -> None:
    assert segmentations("tuikuan")[0] == ("tui", "kuan")
    assert segmentations("tuik")[0] == ("tui", "k")
    assert ("xi", "an") in segmentations("xian")
    assert segmentations("refund") == ()  # English is not pinyin


def test_pinyin_views_of_mixed_text() -> None:
    assert pinyin_views("app打不开") == ("da bu|fou kai", "dbk", "dfk")
    assert pinyin_views("refund") == ("", "", "")


def test_shipped_table_matches_pypinyin() -> None:
    """The table is generated from pypinyin; regenerate with python -m knowledge.search.pinyin."""
    assert load_shipped_table() == generate_table()
