"""The caller's card at the top of the sidebar: an empty state between calls, the whole card during one.

Who is calling (how to address them, tier, the number masked to its last four digits until the agent
clicks it), the flags that change how to talk to them, what is open and how long is left, promises
made on earlier calls, the last orders and calls, and the scripts that fit, each one click away.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from assist.customers.card import DUE_SOON, CallerCard, money
from assist.customers.phones import masked
from assist.customers.records import Order, Ticket

# Flags that ask the agent to act before anything else: shown in the warning colour.
URGENT_FLAGS = ("abusive_history", "complaint_due", "promise_pending", "repeat_complaint")


def clipped(text: str, limit: int) -> str:
    """A card line stays a line or two: long CRM text is cut, the whole of it is in the CRM."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def short_day(moment: datetime) -> str:
    local = moment.astimezone()
    return f"{local.month}/{local.day} {local:%H:%M}"


class _ElidedButton(QPushButton):
    """A suggestion: the three share the card's width and never widen the sidebar; a long title ends
    in "…" (the whole of it is the tooltip)."""

    def __init__(self, title: str, parent: QWidget) -> None:
        super().__init__(title, parent)
        self._title = title
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def resizeEvent(self, event: QResizeEvent) -> None:
        room = max(0, self.width() - 14)  # the button's own margins
        self.setText(self.fontMetrics().elidedText(self._title, Qt.TextElideMode.ElideRight, room))
        super().resizeEvent(event)


class CallerArea(QFrame):
    open_requested = Signal(str)  # the doc id of a suggested script

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("callerArea")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # The card is never squeezed to make room: the result list below gives way instead.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self._card: CallerCard | None = None
        self._withheld = False
        self._suggestions: list[tuple[str, str]] = []
        self._number_shown = False
        self.heading = QLabel(self)
        self.heading.setObjectName("callerHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)  # the caller's name comes from the CRM
        self.number_button = QToolButton(self)
        self.number_button.setObjectName("callerNumber")
        self.number_button.setAutoRaise(True)
        self.number_button.clicked.connect(self._toggle_number)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.heading, 1)
        top.addWidget(self.number_button, 0, Qt.AlignmentFlag.AlignTop)
        self.detail = QLabel(self)
        self.detail.setObjectName("callerDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.suggestion_row = QHBoxLayout()
        self.suggestion_row.setSpacing(4)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.detail)
        layout.addLayout(self.suggestion_row)
        self.retranslate()

    @property
    def card(self) -> CallerCard | None:
        return self._card

    def show_card(self, card: CallerCard | None, suggestions: Sequence[tuple[str, str]] = (),
                  withheld: bool = False) -> None:
        """`suggestions` are (doc id, title) of scripts that fit the caller, best first."""
        if card is None or self._card is None or card.number != self._card.number:
            self._number_shown = False  # a new caller's number starts masked again
        self._card = card
        self._withheld = withheld
        self._suggestions = list(suggestions)
        self.retranslate()

    # -- words ------------------------------------------------------------------------------------

    def flag_label(self, flag: str) -> str:
        labels = {"vip": self.tr("VIP"), "elderly": self.tr("Elderly"),
                  "repeat_caller": self.tr("Called in the last 7 days"),
                  "repeat_complaint": self.tr("Complained before about this"),
                  "complaint_due": self.tr("Complaint due soon or overdue"),
                  "promise_pending": self.tr("Promise due"), "abusive_history": self.tr("Abusive before")}
        return labels.get(flag, flag)

    def ticket_type_label(self, kind: str) -> str:
        labels = {"complaint": self.tr("Complaint"), "refund": self.tr("Refund"), "repair": self.tr("Repair"),
                  "logistics": self.tr("Delivery"), "other": self.tr("Other")}
        return labels.get(kind, kind)

    def tier_label(self, tier: str) -> str:
        labels = {"basic": self.tr("Basic member"), "gold": self.tr("Gold member"),
                  "vip": self.tr("VIP customer")}
        return labels.get(tier, tier)

    def order_status_label(self, status: str) -> str:
        labels = {"pending_payment": self.tr("awaiting payment"), "paid": self.tr("paid"),
                  "shipped": self.tr("shipped"), "delivered": self.tr("delivered"),
                  "completed": self.tr("completed"), "cancelled": self.tr("cancelled"),
                  "returning": self.tr("being returned"), "refunding": self.tr("refund in progress"),
                  "refunded": self.tr("refunded")}
        return labels.get(status, status)

    def time_left(self, due: datetime, now: datetime) -> str:
        """"3 h left" or "overdue 2 d": hours under two days, days beyond."""
        seconds = (due - now).total_seconds()
        hours = abs(seconds) / 3600
        amount = (self.tr("%1 min").replace("%1", str(max(1, round(hours * 60)))) if hours < 1
                  else self.tr("%1 h").replace("%1", str(round(hours))) if hours < 48
                  else self.tr("%1 d").replace("%1", str(round(hours / 24))))
        return (self.tr("%1 left") if seconds >= 0 else self.tr("overdue %1")).replace("%1", amount)

    def _toggle_number(self) -> None:
        self._number_shown = not self._number_shown
        self._show_number()

    def _show_number(self) -> None:
        card = self._card
        number = card.number if card is not None else ""
        self.number_button.setVisible(bool(number))
        if number:
            self.number_button.setText(number if self._number_shown else masked(number))
            self.number_button.setToolTip(self.tr("Hide the number") if self._number_shown
                                          else self.tr("Show the whole number"))

    def _set_suggestions(self) -> None:
        while self.suggestion_row.count():
            item = self.suggestion_row.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for doc_id, title in self._suggestions[:3]:
            button = _ElidedButton(title, self)
            button.setObjectName("suggestedScript")
            button.setToolTip(title)
            button.clicked.connect(lambda _checked=False, target=doc_id: self.open_requested.emit(target))
            self.suggestion_row.addWidget(button)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        card = self._card
        if card is None:
            self.heading.setText(self.tr("No call in progress"))
            self.detail.setText(html.escape(self.tr("When the phone rings, the caller's card and the scripts "
                                               "that fit appear here.")))
            self.setProperty("empty", True)
        elif not card.known:
            self.heading.setText(self.tr("Number withheld") if self._withheld or not card.number
                                 else self.tr("Unknown caller"))
            self.detail.setText(html.escape(self.tr("No customer record has this number. Ask for the order "
                                               "number or the phone number the account uses.")))
            self.setProperty("empty", False)
        else:
            parts = [card.address_as]
            if card.tier:
                parts.append(self.tier_label(card.tier))
            if card.age is not None:
                parts.append(self.tr("%1 years old").replace("%1", str(card.age)))
            if card.demo:
                parts.append(self.tr("demo customer"))
            self.heading.setText(" · ".join(parts))
            self.detail.setText(self._body(card))
            self.setProperty("empty", False)
        self.detail.setVisible(bool(self.detail.text()))
        self._show_number()
        self._set_suggestions()
        self._fit_detail()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_detail()

    def _fit_detail(self) -> None:
        # A word-wrapped rich-text label reports its height for some other width than it gets, and the
        # card's last lines were cut off: it is told the height its text needs at its real width.
        width = self.detail.width() if self.detail.width() > 50 else self.width() - 16
        needed = self.detail.heightForWidth(width) if self.detail.text() else 0
        if needed > 0 and needed != self.detail.minimumHeight():
            self.detail.setMinimumHeight(needed)
        self.style().unpolish(self)
        self.style().polish(self)

    def _body(self, card: CallerCard) -> str:
        now = datetime.now().astimezone()
        urgent = "#b3261e"
        rows: list[str] = []
        if card.flags:
            chips = [f'<span style="color:{urgent}"><b>{html.escape(self.flag_label(flag))}</b></span>'
                     if flag in URGENT_FLAGS else f"<b>{html.escape(self.flag_label(flag))}</b>"
                     for flag in card.flags]
            rows.append(" · ".join(chips))
        if card.notes:
            rows.append(f"<i>{html.escape(clipped(card.notes, 80))}</i>")
        for ticket in card.open_tickets[:3]:
            rows.append(self._ticket_row(ticket, now, urgent))
        for promise in card.promises[:2]:
            rows.append(html.escape(self.tr("Promised: %1").replace("%1", clipped(promise.promise, 48)))
                        + self._due(promise.promise_due, now, urgent))
        for order in card.orders:
            rows.append(self._order_row(order))
        for call in card.calls[:1]:
            text = self.tr("Call %1 (%2): %3").replace("%1", short_day(call.at)).replace("%2", call.agent) \
                .replace("%3", clipped(call.outcome, 48) or "-")
            rows.append(f'<span style="color:palette(placeholder-text)">{html.escape(text)}</span>')
        return "<br>".join(rows)

    def _ticket_row(self, ticket: Ticket, now: datetime, urgent: str) -> str:
        summary = html.escape(clipped(ticket.summary, 48))
        label = f"<b>[{html.escape(self.ticket_type_label(ticket.type))}]</b> {summary}"
        return label + self._due(ticket.due, now, urgent)

    def _due(self, due: datetime | None, now: datetime, urgent: str) -> str:
        """" · 3 h left", in the warning colour within a day of it (the card's "due soon")."""
        if due is None:
            return ""
        left = html.escape(self.time_left(due, now))
        return f' · <span style="color:{urgent}">{left}</span>' if due - now < DUE_SOON else f" · {left}"

    def _order_row(self, order: Order) -> str:
        items = clipped("、".join(name for name, _qty in order.items[:2]), 24) or order.id
        return html.escape(f"{order.id} · {items} · {self.order_status_label(order.status)} · "
                           f"{money(order.amount_fen, 'en')}")
