"""Optional drafting: a language model rewords the packet's own prose, and is checked before use.

Off unless configured. Only the packet's own sentences are sent (the case in brief and the
one-line leads), never evidence bodies. A rewrite is used only if it keeps exactly the same
citations and brings in no number the original did not have; otherwise the template text
stays and a warning says why.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass

from staffpath.packet.document import PacketDocument
from staffpath.workspace import DraftingConfig

CITATION = re.compile(r"\[E\d+\]")
DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
WORD = re.compile(r"[a-z]+")
# Number words a rewrite might use instead of digits. "one" is left out: it is mostly not a
# count ("one of", "no one"), and a stray "one" invents nothing a committee would act on.
NUMBER_WORDS = {
    "zero": 0, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000,
    "million": 1_000_000, "billion": 1_000_000_000, "dozen": 12, "single": 1, "once": 1,
    "twice": 2, "double": 2, "triple": 3, "half": 0.5,
}
SYSTEM_PROMPT = (
    "You edit the wording of an engineering promotion packet. You receive a JSON object whose "
    "values are short passages. Reply with a JSON object with exactly the same keys, each value "
    "the same passage reworded to read clearly and concisely. Rules: keep every citation such "
    "as [E12] exactly as written and add no new ones; add no number, amount, percentage, date, "
    "name, team or claim that is not already in the passage; keep the grammatical person (a "
    "passage in the first person stays in the first person; one that names the engineer keeps "
    "the name). Reply with the JSON object only."
)


@dataclass(frozen=True)
class DraftSettings:
    """Where the OpenAI-compatible endpoint is and how to call it."""

    url: str
    model: str = "default"
    api_key: str | None = None
    timeout: float = 60.0


def draft_settings(
    config: DraftingConfig | None, url: str | None = None, model: str | None = None
) -> DraftSettings | None:
    """Drafting settings from --draft-url/--draft-model over the workspace config; None = off."""
    url = url or (config.url if config else None)
    if not url:
        return None
    key_env = config.api_key_env if config else None
    return DraftSettings(
        url=url, model=model or (config.model if config else "default"),
        api_key=os.environ.get(key_env) if key_env else None)


class DraftingFailed(Exception):
    """The endpoint could not be used; the packet keeps its template text."""


def endpoint(url: str) -> str:
    """The chat-completions URL for a base URL given as host, `/v1`, or the full path."""
    base = url.rstrip("/")
    if base.endswith("/chat/completions"):
        return base
    if base.endswith("/v1"):
        return base + "/chat/completions"
    return base + "/v1/chat/completions"


def _numbers(text: str) -> set[float]:
    """Every number in a passage, in digits or words, citations left out."""
    text = CITATION.sub(" ", text)
    found = {float(n.replace(",", "")) for n in DIGITS.findall(text)
             if n.replace(",", "").replace(".", "", 1).isdigit()}
    found |= {float(NUMBER_WORDS[w]) for w in WORD.findall(text.lower()) if w in NUMBER_WORDS}
    return found


def check_rewrite(original: str, rewrite: str) -> str | None:
    """Why a rewrite cannot be used, or None when it keeps the facts of the original."""
    before, after = CITATION.findall(original), CITATION.findall(rewrite)
    dropped = sorted(set(before) - set(after))
    added = sorted(set(after) - set(before))
    if dropped:
        return "it dropped the citation(s) " + " ".join(dropped)
    if added:
        return "it added the citation(s) " + " ".join(added)
    invented = sorted(_numbers(rewrite) - _numbers(original))
    if invented:
        return "it introduced number(s) not in the evidence: " + ", ".join(
            f"{n:g}" for n in invented)
    if not rewrite.strip():
        return "it came back empty"
    if len(rewrite) > 2 * len(original) + 80:
        return "it grew to more than twice the length"
    return None


def _content(data: object) -> str:
    """The message text of an OpenAI-style chat completion."""
    try:
        content = data["choices"][0]["message"]["content"]  # type: ignore[index]
    except (KeyError, IndexError, TypeError):
        raise DraftingFailed("the reply has no choices[0].message.content") from None
    if not isinstance(content, str):
        raise DraftingFailed("the reply's message content is not text")
    return content


def _parse(content: str) -> dict[str, str]:
    """The JSON object a reply holds, fenced or not."""
    text = content.strip()
    # Models often wrap JSON in a Markdown fence despite being asked not to.
    fenced = re.fullmatch(r"```(?:json)?\s*(.*?)\s*```", text, re.DOTALL)
    if fenced:
        text = fenced.group(1)
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        raise DraftingFailed("the reply is not the JSON object asked for") from None
    if not isinstance(data, dict):
        raise DraftingFailed("the reply is not a JSON object")
    return {str(k): v for k, v in data.items() if isinstance(v, str)}


def request_rewrites(prose: Mapping[str, str], settings: DraftSettings) -> dict[str, str]:
    """Ask the endpoint to reword each passage; the keys come back as sent."""
    headers = {"Content-Type": "application/json"}
    if settings.api_key:
        headers["Authorization"] = f"Bearer {settings.api_key}"
    body = {
        "model": settings.model,
        "temperature": 0,
        "messages": [
            {"role": "system", "content": SYSTEM_PROMPT},
            {"role": "user", "content": json.dumps(dict(prose), ensure_ascii=False, indent=1)},
        ],
    }
    import httpx  # only when drafting is switched on, which it is not by default

    try:
        response = httpx.post(endpoint(settings.url), json=body, headers=headers,
                              timeout=settings.timeout)
        response.raise_for_status()
        data = response.json()
    except httpx.HTTPStatusError as exc:
        raise DraftingFailed(f"the endpoint answered HTTP {exc.response.status_code}") from None
    except httpx.HTTPError as exc:
        raise DraftingFailed(f"could not reach {endpoint(settings.url)}: {exc}") from None
    except ValueError:
        raise DraftingFailed("the endpoint's reply is not JSON") from None
    return _parse(_content(data))


def draft_document(
    doc: PacketDocument, settings: DraftSettings
) -> tuple[PacketDocument, list[str]]:
    """The document with checked rewrites of its prose, and a warning per passage kept as is."""
    prose = doc.prose()
    try:
        rewrites = request_rewrites(prose, settings)
    except DraftingFailed as exc:
        return doc, [f"drafting skipped, the packet uses its template text: {exc}"]
    accepted: dict[str, str] = {}
    warnings: list[str] = []
    for key, original in prose.items():
        rewrite = rewrites.get(key)
        if rewrite is None:
            warnings.append(f"drafting: kept the template text for {key}: no rewrite came back")
            continue
        rewrite = " ".join(rewrite.split())
        reason = check_rewrite(original, rewrite)
        if reason:
            warnings.append(f"drafting: kept the template text for {key}: {reason}")
        else:
            accepted[key] = rewrite
    return doc.with_prose(accepted), warnings
