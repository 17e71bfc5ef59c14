import pytest
from hypothesis import given
from hypothesis import strategies as st

from assist.customers.phones import PhoneError, caller_part, is_withheld, masked, to_e164

SAME_NUMBER = ["sip:8613800138000@host", "sip:+8613800138000@10.0.0.1:5060;transport=udp",
               "sips:013800138000@pbx.example", "tel:+86-138-0013-8000", "+86 138 0013 8000",
               "013800138000", "138-0013-8000", "13800138000", "(+86) 138 0013 8000", "008613800138000",
               "8613800138000", "+86.138.0013.8000"]


@pytest.mark.parametrize("written", SAME_NUMBER)
def test_every_common_form_of_a_mobile_is_one_key(written: str) -> None:
    assert to_e164(written) == "+8613800138000"


def test_landlines_and_other_regions() -> None:
    assert to_e164("010-6552 1234") == to_e164("01065521234") == "+861065521234"
    assert to_e164("+852 9123 4567") == "+85291234567"
    # A SIP user part without "+" that is not a mainland number but a valid international one.
    assert to_e164("sip:85291234567@gw") == "+85291234567"
    assert to_e164("0912 345 678", region="TW") == "+886912345678"


@pytest.mark.parametrize("garbage", ["", "abc", "12", "1" * 40, "+999999999999999999", "138-0013-8000x",
                                     "sip:@host", "x" * 300, "138\x000138000"])
def test_what_is_not_a_number_is_refused_with_a_reason(garbage: str) -> None:
    with pytest.raises(PhoneError) as raised:
        to_e164(garbage)
    assert str(raised.value)


@pytest.mark.parametrize("withheld", [None, "", "anonymous", "sip:anonymous@anonymous.invalid", "Restricted",
                                      "unknown", " "])
def test_withheld_callers(withheld: str | None) -> None:
    assert is_withheld(withheld)


def test_caller_part_and_masking() -> None:
    assert caller_part("sip:013800138000@127.0.0.1:41679") == "013800138000"
    assert caller_part("sip:%2B8613800138000@h") == "+8613800138000"
    assert masked("+8613800138000") == "•••• 8000"


@given(st.text(max_size=80))
def test_any_text_either_normalises_or_raises_phone_error(text: str) -> None:
    try:
        result = to_e164(text)
    except PhoneError:
        return
    assert result.startswith("+") and result[1:].isdigit()
