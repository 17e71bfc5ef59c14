"""What a team's sidebars did, for its lead: how widely each script is used (adoption: the share of the
team's agents who opened it) and which searches found nothing. Read from what the sidebars uploaded
(assist.team.sync); row-level security shows a lead only their own team."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, func, select
from sqlalchemy.orm import Session

from assist.team import models
from assist.team.schema import member_of
from knowledge.models import utcnow
from knowledge.usage import UsageReport, usage_report
from scripts_lib.model import script_id_of


@dataclass(frozen=True)
class ScriptAdoption:
    script_id: str
    title: str
    agents: int  # agents who opened it at least once
    opens: int
    copies: int
    share: float  # agents / the team's agents


@dataclass(frozen=True)
class TeamMiss:
    query: str
    count: int
    agents: int


@dataclass(frozen=True)
class TeamUsage:
    team: str
    days: int
    since: dt.datetime
    team_agents: int  # members of the team who take calls (every role does)
    active_agents: int  # of them, those whose sidebar sent anything in the period
    scripts: list[ScriptAdoption]
    misses: list[TeamMiss]

    def as_json(self) -> dict[str, Any]:
        return {"team": self.team, "days": self.days, "since": self.since.isoformat(),
                "team_agents": self.team_agents, "active_agents": self.active_agents,
                "scripts": [{"id": item.script_id, "title": item.title, "agents": item.agents,
                             "opens": item.opens, "copies": item.copies, "share": round(item.share, 3)}
                            for item in self.scripts],
                "misses": [{"query": item.query, "count": item.count, "agents": item.agents}
                           for item in self.misses]}


def team_usage(connection: Connection, team: str, days: int = 30, limit: int = 20,
               script_title: Callable[[str], str | None] | None = None) -> TeamUsage:
    since = utcnow() - dt.timedelta(days=days)
    usage = models.usage
    in_period = (usage.c.team == team) & (usage.c.occurred_at >= since)
    team_agents = int(connection.execute(select(func.count()).select_from(models.members)
                                         .where(models.members.c.team == team)).scalar_one())
    active = int(connection.execute(select(func.count(func.distinct(usage.c.agent))).where(in_period)
                                    ).scalar_one())
    # Per search document (a script in one language), then folded into one line per script.
    agents: dict[str, set[str]] = defaultdict(set)
    opens: dict[str, int] = defaultdict(int)
    copies: dict[str, int] = defaultdict(int)
    query = (select(usage.c.doc_id, usage.c.event, usage.c.agent, func.count())
             .where(in_period, usage.c.kind == "script", usage.c.event.in_(("open", "copy")))
             .group_by(usage.c.doc_id, usage.c.event, usage.c.agent))
    for doc_id, event, agent, count in connection.execute(query):
        script_id = (script_id_of(doc_id) or (doc_id, ""))[0]
        if event == "open":
            agents[script_id].add(agent)
            opens[script_id] += count
        else:
            copies[script_id] += count
    scripts = [ScriptAdoption(script_id, (script_title(script_id) if script_title else None) or script_id,
                              len(agents[script_id]), opens[script_id], copies[script_id],
                              len(agents[script_id]) / team_agents if team_agents else 0.0)
               for script_id in set(opens) | set(copies)]
    scripts.sort(key=lambda item: (-item.agents, -item.opens, item.script_id))
    miss_query = (select(usage.c.query, func.count(), func.count(func.distinct(usage.c.agent)))
                  .where(in_period, usage.c.event == "miss")
                  .group_by(usage.c.query).order_by(func.count().desc(), usage.c.query).limit(limit))
    misses = [TeamMiss(text, int(count), int(people))
              for text, count, people in connection.execute(miss_query)]
    return TeamUsage(team, days, since, team_agents, active, scripts[:limit], misses)


def team_report(engine: Engine, days: int = 30, limit: int = 20) -> UsageReport:
    """What the whole team of the login searched for in vain and opened, from what its sidebars
    uploaded: the knowledge editor's report when it edits on a team server (its own computer's log
    holds one agent's searches at most)."""
    with engine.connect() as connection:
        member = member_of(connection)
        with Session(bind=connection) as session:
            return usage_report(session, models.usage, days, limit,
                                where=(models.usage.c.team == member.team,))
