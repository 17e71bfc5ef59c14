from datetime import datetime, timedelta, timezone

import pytest

from assist.customers.records import Customer, CustomerHistory, Interaction, Order, Ticket

CST = timezone(timedelta(hours=8))
NOW = datetime(2026, 11, 20, 10, 0, tzinfo=CST)


def history(customer_id: str = "C1", phones: tuple[str, ...] = ("+8613800138000",), *,
            tier: str = "basic", birth_year: int | None = 1980, orders: tuple[Order, ...] = (),
            tickets: tuple[Ticket, ...] = (), calls: tuple[Interaction, ...] = (),
            flags: tuple[str, ...] = ()) -> CustomerHistory:
    return CustomerHistory(Customer(customer_id, "刘建华", phones, address_as="刘先生", tier=tier,
                                    birth_year=birth_year, flags=flags), orders, tickets, calls)


@pytest.fixture
def now() -> datetime:
    return NOW
