"""Scenario scripts (steps, branches, placeholders) and signed script packs. Never imports Qt."""

from knowledge.languages import LANGS
from scripts_lib.loading import (
    MAX_SCRIPT_BYTES,
    builtin_scripts,
    load_script_dir,
    load_script_file,
    load_scripts,
    load_valid_script,
    parse_script,
)
from scripts_lib.model import Branch, Script, Step, Text, Triggers
from scripts_lib.outline import StepView, outline, step_view
from scripts_lib.placeholders import (
    PLACEHOLDERS,
    SLOT_CLOSE,
    SLOT_OPEN,
    Placeholder,
    RenderedLine,
    Segment,
    placeholders_in,
    plain_text,
    render,
    unknown_placeholders,
)
from scripts_lib.problems import ScriptError, ScriptProblem
from scripts_lib.runner import RunnerError, ScriptRunner
from scripts_lib.validation import check_script, validate_script, validate_scripts
from scripts_lib.vocabulary import CATEGORIES, CUSTOMER_FLAGS, TICKET_TYPES

__all__ = [
    "CATEGORIES",
    "CUSTOMER_FLAGS",
    "LANGS",
    "MAX_SCRIPT_BYTES",
    "PLACEHOLDERS",
    "SLOT_CLOSE",
    "SLOT_OPEN",
    "TICKET_TYPES",
    "Branch",
    "Placeholder",
    "RenderedLine",
    "RunnerError",
    "Script",
    "ScriptError",
    "ScriptProblem",
    "ScriptRunner",
    "Segment",
    "Step",
    "StepView",
    "Text",
    "Triggers",
    "builtin_scripts",
    "check_script",
    "load_script_dir",
    "load_script_file",
    "load_scripts",
    "load_valid_script",
    "outline",
    "parse_script",
    "placeholders_in",
    "plain_text",
    "render",
    "step_view",
    "unknown_placeholders",
    "validate_script",
    "validate_scripts",
]
