"""A workspace: the folder holding staffpath's database and configuration."""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from staffpath.errors import InputError, StoreError

CONFIG_NAME = "staffpath.toml"
DB_NAME = "staffpath.db"


class DraftingConfig(BaseModel):
    """`[drafting]`: an OpenAI-compatible endpoint that may reword a packet's own prose."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    url: str
    model: str = "default"
    # The name of an environment variable holding the key, so the key stays out of the file.
    api_key_env: str | None = None


class LibraryChoice(BaseModel):
    """One job (an HTTP client, say): the library to use for it and the ones to move off."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    use: str = Field(min_length=1)
    avoid: tuple[str, ...] = ()


class QualityConfig(BaseModel):
    """`[quality]`: how the codebase quality scorecard is measured."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    # How many recent changes (non-merge commits) decide which files are hot.
    recent_changes: int = Field(default=100, ge=2, le=10_000)
    # e.g. `[quality.preferred.http]` with `use = "httpx"` and `avoid = ["requests"]`.
    preferred: dict[str, LibraryChoice] = Field(default_factory=dict)


class WorkspaceConfig(BaseModel):
    """Settings kept in `staffpath.toml` inside the workspace."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    db: str | None = None
    drafting: DraftingConfig | None = None
    quality: QualityConfig = Field(default_factory=QualityConfig)


def default_workspace_dir() -> Path:
    env = os.environ.get("STAFFPATH_WORKSPACE")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir("staffpath", appauthor=False))


@dataclass(frozen=True)
class Workspace:
    root: Path
    config: WorkspaceConfig

    @property
    def config_path(self) -> Path:
        return self.root / CONFIG_NAME

    def db_url(self, override: str | None = None) -> str:
        """The database: --db, then STAFFPATH_DB, then the config file, then the default file."""
        url = override or os.environ.get("STAFFPATH_DB") or self.config.db
        if url:
            return url
        return f"sqlite:///{(self.root / DB_NAME).resolve()}"


def open_workspace(root: Path | None = None, *, create: bool = True) -> Workspace:
    """Open (and by default create) a workspace folder and read its configuration."""
    root = (root or default_workspace_dir()).expanduser()
    if root.exists() and not root.is_dir():
        raise StoreError("workspace is not a folder", path=root)
    if not root.exists():
        if not create:
            raise StoreError("workspace does not exist", path=root)
        try:
            root.mkdir(parents=True)
        except OSError as exc:
            raise StoreError(f"cannot create workspace: {exc.strerror}", path=root) from None
    return Workspace(root=root, config=_read_config(root / CONFIG_NAME))


def _read_config(path: Path) -> WorkspaceConfig:
    if not path.exists():
        return WorkspaceConfig()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise InputError("configuration is not UTF-8 text", path=path) from None
    except tomllib.TOMLDecodeError as exc:
        # Python 3.11 puts the position only in the message: "... (at line 2, column 6)".
        found = re.search(r"\(at line (\d+), column \d+\)", str(exc))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise InputError(f"invalid TOML: {message}", path=path,
                         line=int(found.group(1)) if found else None) from None
    try:
        return WorkspaceConfig.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        raise InputError(f"{where}: {err['msg']}", path=path) from None
