"""Netstring framing and baresip's ctrl_tcp messages turned into call events, frame by frame (no sockets).

Bad input must neither crash nor block: each kind is logged once, without the caller's number or name,
and ignored.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assist.customers.lookup import CardLookupService
from assist.customers.store import CustomerStore
from assist.telephony.baresip import MAX_FRAME, BaresipEvents
from assist.telephony.desk import CallDesk
from assist.telephony.events import CallEvent
from assist.telephony.netstring import NetstringDecoder, NetstringError
from assist.telephony.problems import ProblemLog
from tests.telephony.helpers import assert_not_logged, netstring, problem_records

# -- netstrings ---------------------------------------------------------------------------------------

PAYLOADS = [b'{"event":true}', b"", b"a,b:c", "王伟 Wang Wei".encode(), b"0" * 300]
STREAM = b"".join(netstring(payload) for payload in PAYLOADS)


def feed_pieces(decoder: NetstringDecoder, pieces: list[bytes]) -> list[bytes]:
    frames: list[bytes] = []
    for piece in pieces:
        frames.extend(decoder.feed(piece))
    return frames


def test_several_frames_in_one_feed() -> None:
    decoder = NetstringDecoder()
    assert decoder.feed(STREAM) == PAYLOADS
    assert decoder.pending == 0


def test_a_stream_split_at_any_byte_gives_the_same_frames() -> None:
    for cut in range(len(STREAM) + 1):
        decoder = NetstringDecoder()
        assert feed_pieces(decoder, [STREAM[:cut], STREAM[cut:]]) == PAYLOADS, cut
        assert decoder.pending == 0


def test_byte_by_byte_holds_an_unfinished_frame() -> None:
    decoder = NetstringDecoder()
    frame = netstring(b"hello")
    for position, byte in enumerate(frame[:-1], start=1):
        assert decoder.feed(bytes([byte])) == []
        assert decoder.pending == position
    assert decoder.feed(frame[-1:]) == [b"hello"]
    assert decoder.pending == 0


@settings(max_examples=200, deadline=None)
@given(payloads=st.lists(st.binary(max_size=40), max_size=6), data=st.data())
def test_any_split_of_any_frames(payloads: list[bytes], data: st.DataObject) -> None:
    stream = b"".join(netstring(payload) for payload in payloads)
    cuts = sorted(data.draw(st.lists(st.integers(0, len(stream)), max_size=8)))
    pieces = [stream[start:end] for start, end in zip([0, *cuts], [*cuts, len(stream)], strict=True)]
    decoder = NetstringDecoder()
    assert feed_pieces(decoder, pieces) == payloads
    assert decoder.pending == 0


@pytest.mark.parametrize("stream", [
    b"3:abcd,",  # longer than announced: no comma where the length says
    b"5:abc,de,",  # shorter than announced
    b"3:abc;",
    b"2:ab,3:abcX",
], ids=["longer", "shorter", "other-terminator", "second-frame"])
def test_a_wrong_length_is_refused(stream: bytes) -> None:
    with pytest.raises(NetstringError, match="does not end with ','"):
        NetstringDecoder().feed(stream)


def test_a_length_of_ten_to_the_twelve_is_refused_as_its_digits_arrive() -> None:
    decoder = NetstringDecoder(MAX_FRAME)
    digits = str(10**12).encode()
    allowed = len(str(MAX_FRAME))  # as many digits as the largest accepted length has
    for position in range(allowed):
        assert decoder.feed(digits[position:position + 1]) == []
    with pytest.raises(NetstringError, match="more than 5 digits"):
        decoder.feed(digits[allowed:allowed + 1])  # no colon, no payload has come yet


def test_a_length_of_ten_to_the_twelve_in_one_piece() -> None:
    with pytest.raises(NetstringError, match="more than 5 digits"):
        NetstringDecoder(MAX_FRAME).feed(b"1000000000000:")


def test_a_length_over_the_limit_is_refused_at_its_colon() -> None:
    decoder = NetstringDecoder(max_length=100)
    assert decoder.feed(b"101") == []
    with pytest.raises(NetstringError, match="101 bytes is announced; at most 100"):
        decoder.feed(b":")


@pytest.mark.parametrize("garbage", [b"hello", b"\x00", b"-1:x,", b" 5:hello,", b"1a:x,", b":x,",
                                     b"GET / HTTP/1.1\r\n", b"\xff\xfe"])
def test_garbage_is_refused_at_once(garbage: bytes) -> None:
    with pytest.raises(NetstringError, match="does not start a frame with a length"):
        NetstringDecoder().feed(garbage)


def test_garbage_after_a_good_frame_is_refused() -> None:
    decoder = NetstringDecoder()
    assert decoder.feed(netstring(b"ok")) == [b"ok"]
    with pytest.raises(NetstringError):
        decoder.feed(b"x")


def test_leading_zeros() -> None:
    assert NetstringDecoder().feed(b"0:,") == [b""]  # zero itself is a length
    for stream in (b"01:a,", b"00:,", b"007:abcdefg,"):
        with pytest.raises(NetstringError, match="a frame length with a leading zero"):
            NetstringDecoder().feed(stream)


# -- baresip events -----------------------------------------------------------------------------------

CALLER_URI = "sip:013800138000@127.0.0.1:41679"
CALLER_DIGITS = "13800138000"
CALL_ID = "1-7825@127.0.0.1"
NAME = "Wang Wei"


def real_frame(kind: str, **changes: Any) -> bytes:
    """A frame as baresip 1.0.0 sends it (tests/telephony/softphone.py's docstring), with changes."""
    document: dict[str, Any] = {
        "event": True, "type": kind, "class": "call", "accountaor": "sip:agent@127.0.0.1",
        "direction": "incoming", "peeruri": CALLER_URI, "peerdisplayname": NAME, "id": CALL_ID,
        "param": "Connection reset by peer" if kind == "CALL_CLOSED" else CALLER_URI,
    }
    document.update(changes)
    return json.dumps({k: v for k, v in document.items() if v is not ...}, separators=(",", ":")).encode()


def test_the_real_frames_are_exactly_those_measured() -> None:
    # Same bytes as the harness docstring, so the events below are about what baresip really sends.
    assert len(real_frame("CALL_INCOMING")) == 251
    assert len(real_frame("CALL_ESTABLISHED")) == 254
    assert len(real_frame("CALL_CLOSED")) == 241


@pytest.fixture
def parser() -> BaresipEvents:
    return BaresipEvents(ProblemLog())


def test_a_manually_answered_call(parser: BaresipEvents, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    wire = b"".join(netstring(real_frame(kind)) for kind in ("CALL_INCOMING", "CALL_ESTABLISHED",
                                                              "CALL_CLOSED"))
    events: list[CallEvent] = []
    for frame in NetstringDecoder(MAX_FRAME).feed(wire):
        events.extend(parser.message(frame, received=12.5))
    assert [e.event for e in events] == ["ringing", "answered", "ended"]
    for event in events:
        assert event.number == CALLER_URI  # as sent: the desk normalises it
        assert event.call_id == CALL_ID
        assert event.display_name == NAME
        assert event.source == "baresip"
        assert event.received == 12.5
    assert caplog.records == []


def test_an_auto_answered_call_rings_first(parser: BaresipEvents) -> None:
    established = parser.message(real_frame("CALL_ESTABLISHED"), 1.0)
    assert [(e.event, e.call_id, e.number) for e in established] == [
        ("ringing", CALL_ID, CALLER_URI), ("answered", CALL_ID, CALLER_URI)]
    assert [e.event for e in parser.message(real_frame("CALL_CLOSED"), 2.0)] == ["ended"]
    # The same Call-ID again after it ended (a new call) rings again.
    assert [e.event for e in parser.message(real_frame("CALL_ESTABLISHED"), 3.0)] == ["ringing",
                                                                                      "answered"]


def test_a_call_that_rang_is_not_rung_twice(parser: BaresipEvents) -> None:
    assert [e.event for e in parser.message(real_frame("CALL_INCOMING"), 1.0)] == ["ringing"]
    assert [e.event for e in parser.message(real_frame("CALL_ESTABLISHED"), 1.0)] == ["answered"]


def test_without_a_display_name(parser: BaresipEvents) -> None:
    (event,) = parser.message(real_frame("CALL_INCOMING", peerdisplayname=...), 1.0)
    assert event.display_name == ""


def test_control_characters_are_taken_out_of_the_name(parser: BaresipEvents) -> None:
    (event,) = parser.message(real_frame("CALL_INCOMING", peerdisplayname="Wang\nWei\u202e"), 1.0)
    assert event.display_name == "WangWei"


@pytest.mark.parametrize("frame", [
    real_frame("CALL_INCOMING", direction="outgoing"),
    real_frame("CALL_ESTABLISHED", direction="outgoing"),
    real_frame("CALL_REMOTE_SDP", **{"class": "other", "param": "offer"}),
    real_frame("CALL_LOCAL_SDP", **{"class": "other", "param": "answer"}),
    real_frame("REGISTER_OK", **{"class": "register"}),
    real_frame("CALL_RINGING", **{"class": "call"}),
    real_frame("SOMETHING_NEW_IN_BARESIP_2"),
    json.dumps({"response": True, "ok": True, "data": "Answering incoming call\n", "token": "t1"}).encode(),
    json.dumps({"event": False, "type": "CALL_INCOMING"}).encode(),
], ids=["outgoing-incoming", "outgoing-established", "remote-sdp", "local-sdp", "register", "ringing-out",
        "new-type", "response", "not-an-event"])
def test_what_is_not_ours_is_passed_over(frame: bytes, parser: BaresipEvents,
                                         caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    assert parser.message(frame, 1.0) == []
    assert parser.message(frame, 2.0) == []
    assert problem_records(caplog) == []  # no warning: baresip says much that is not about calls
    # An event type that is not a call's is noted once, at info level, however often it comes.
    notes = [r.getMessage() for r in caplog.records]
    kind = json.loads(frame).get("type")
    if kind in ("CALL_INCOMING", "CALL_ESTABLISHED") or not json.loads(frame).get("event"):
        assert notes == []
    else:
        assert notes == [f"call source baresip: event type {kind!r} is not a call event; ignored from now on"]


@pytest.mark.parametrize(("frame", "problem"), [
    (b"{not json", "a frame that is not JSON"),
    (b'{"event":true,"type":"CALL_INCOMING","peeruri":"sip:013800138000@h"',
     "a frame that is not JSON"),
    (b"\xff\xfe{}", "a frame that is not JSON"),
    (b"[" * 100_000, "a frame that is not JSON"),
    (b"[1, 2]", "a frame that is not a JSON object"),
    (b'"sip:013800138000@h"', "a frame that is not a JSON object"),
    (b"null", "a frame that is not a JSON object"),
    (b'{"event":true,"peeruri":"sip:013800138000@h"}', "an event without a type"),
    (b'{"event":true,"type":null}', "an event without a type"),
    (b'{"event":true,"type":["CALL_INCOMING"]}', "an event without a type"),
    (b'{"event":true,"type":{"a":1}}', "an event without a type"),
    (real_frame("CALL_INCOMING", peeruri=13800138000), "not usable: peeruri is not text"),
    (real_frame("CALL_INCOMING", peerdisplayname=["Wang Wei"]), "not usable: the display name must be text"),
    (real_frame("CALL_INCOMING", id={"id": 1}), "not usable: the call id must be text"),
    (real_frame("CALL_INCOMING", id="x" * 201), "not usable: the call id is longer than 200"),
    (real_frame("CALL_INCOMING", peeruri="sip:" + "1" * 300 + "@h"), "not usable: the number is longer"),
], ids=["not-json", "cut-short", "not-utf8", "deeply-nested", "array", "string", "null", "no-type",
        "null-type", "list-type", "object-type", "number-peeruri", "list-name", "object-id", "long-id",
        "long-number"])
def test_bad_frames_are_logged_once_and_ignored(frame: bytes, problem: str, parser: BaresipEvents,
                                                caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    for _ in range(5):
        assert parser.message(frame, 1.0) == []
    records = problem_records(caplog)
    assert len(records) == 1, [r.getMessage() for r in records]
    assert problem in records[0].getMessage()
    assert records[0].getMessage().startswith("call source baresip: ")
    assert parser.problems.count == 5
    assert_not_logged(caplog.records, CALLER_DIGITS, NAME, "Wang")
    # The parser is still good for the next call.
    assert [e.event for e in parser.message(real_frame("CALL_INCOMING"), 2.0)] == ["ringing"]


def test_the_summary_after_the_quiet_time_counts_what_was_held(caplog: pytest.LogCaptureFixture) -> None:
    now = [0.0]
    parser = BaresipEvents(ProblemLog(quiet_seconds=60, clock=lambda: now[0]))
    caplog.set_level(logging.WARNING)
    for _ in range(4):
        parser.message(b"garbage", 1.0)
    now[0] = 61.0
    parser.message(b"garbage", 1.0)
    messages = [r.getMessage() for r in problem_records(caplog)]
    assert messages == ["call source baresip: a frame that is not JSON; ignored",
                        "call source baresip: a frame that is not JSON; ignored (and 3 more like it since)"]


@pytest.mark.parametrize("peeruri", ["sip:anonymous@anonymous.invalid", "sip:Anonymous@192.0.2.1", ...,
                                     "", "tel:unknown"])
def test_a_withheld_caller_gets_an_unknown_callers_card(peeruri: Any, tmp_path: Path, parser: BaresipEvents,
                                                        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    store = CustomerStore.open(tmp_path / "store")
    try:
        desk = CallDesk(CardLookupService(store), parser.problems)
        events = parser.message(real_frame("CALL_ESTABLISHED", peeruri=peeruri), 1.0)
        assert [e.event for e in events] == ["ringing", "answered"]
        ringing = desk.handle(events[0])
        assert ringing is not None
        lookup = ringing.call.lookup
        assert lookup.withheld is True
        assert lookup.number == "" and lookup.number_problem == ""
        assert lookup.customer_id is None and not lookup.card.known
        assert lookup.card.suggested_scripts == ()
        assert ringing.to_json()["number"] is None and ringing.to_json()["customer_id"] is None
        assert desk.handle(events[1]) is not None  # answered, tied by the Call-ID
        assert problem_records(caplog) == []
    finally:
        store.close()
