"""A small, valid script as plain data, for tests to break one rule at a time."""

from __future__ import annotations

import copy
from typing import Any

import yaml

from scripts_lib import Script, parse_script

SOURCE = "demo.yaml"

_SAMPLE: dict[str, Any] = {
    "id": "demo-refund",
    "title": {"zh-Hans": "退款进度查询", "en": "Refund progress"},
    "category": "returns-refunds",
    "tags": {"zh-Hans": ["退款", "进度"], "en": ["refund", "progress"]},
    "triggers": {"flags": ["vip"], "ticket_types": ["refund"],
                 "keywords": {"zh-Hans": ["钱还没到", "退款呢"], "en": ["where is my money"]}},
    "start": "greet",
    "steps": [
        {"id": "greet",
         "title": {"zh-Hans": "问候并确认身份", "en": "Greet and check identity"},
         "say": [{"zh-Hans": "{customer.name}您好，我是{agent.name}。",
                  "en": "Hello {customer.name}, this is {agent.name}."},
                 {"zh-Hans": "请问您手机尾号是{customer.phone_tail}吗？",
                  "en": "Does your phone number end in {customer.phone_tail}?"}],
         "do": [{"zh-Hans": "核对来电卡片", "en": "Check the caller card"}],
         "branches": [
             {"label": {"zh-Hans": "身份无误", "en": "Identity confirmed"}, "next": "explain"},
             {"label": {"zh-Hans": "客户要求找主管", "en": "Wants a supervisor"}, "next": "escalate"}]},
        {"id": "explain",
         "title": {"zh-Hans": "说明退款进度", "en": "Explain the refund"},
         "say": [{"zh-Hans": "订单{order.id}的退款{refund.amount}预计{refund.eta}到账，{{以银行为准}}。",
                  "en": "The refund of {refund.amount} for order {order.id} lands by {refund.eta} "
                        "{{bank times}}."}],
         "do": [{"zh-Hans": "在工单{ticket.id}里记录", "en": "Note it in ticket {ticket.id}"}],
         "next": "close"},
        {"id": "escalate",
         "title": {"zh-Hans": "转交主管", "en": "Hand over to a supervisor"},
         "escalation": True,
         "say": [{"zh-Hans": "我请主管来处理。", "en": "I'll bring in my supervisor."}],
         "end": True},
        {"id": "close",
         "title": {"zh-Hans": "礼貌结束", "en": "Close politely"},
         "say": [{"zh-Hans": "还有别的需要帮忙的吗？", "en": "Anything else I can help with?"}],
         "end": True},
    ],
}


def sample() -> dict[str, Any]:
    """A fresh deep copy, free to mutate."""
    return copy.deepcopy(_SAMPLE)


def step_of(data: dict[str, Any], step_id: str) -> dict[str, Any]:
    found: dict[str, Any] = next(step for step in data["steps"] if step.get("id") == step_id)
    return found


class _PlainDumper(yaml.SafeDumper):
    """Writes shared objects out in full: scripts refuse anchors and aliases."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def to_yaml(data: object) -> str:
    return yaml.dump(data, Dumper=_PlainDumper, allow_unicode=True, sort_keys=False)


def parsed(data: object, source: str = SOURCE) -> Script:
    return parse_script(to_yaml(data), source)
