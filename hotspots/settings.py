"""Installation settings, read once from the environment (``HOTSPOTS_*``)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from hotspots.paths import DEFAULT_DATA_DIR

__all__ = ["Settings", "get_settings"]


class Settings(BaseSettings):
    """Settings of one installation.

    Every field can be set by an environment variable with the prefix ``HOTSPOTS_``,
    e.g. ``HOTSPOTS_DATABASE_URL=postgresql+psycopg://user@localhost/hotspots``.
    """

    model_config = SettingsConfigDict(env_prefix="HOTSPOTS_", extra="ignore")

    database_url: str = Field(
        default="",
        description="SQLAlchemy URL; empty: SQLite file hotspots.db in the working directory.",
    )
    data_dir: Path = Field(default=DEFAULT_DATA_DIR, description="Catalogue, mappings, boundaries.")
    working_crs: int = Field(default=3006, description="Projected CRS (metres) for analysis.")
    local_crs: int = Field(
        default=3008,
        description="The local SWEREF 99 zone used by the municipality (3008 = SWEREF 99 13 30).",
    )
    municipality: str | None = Field(
        default=None,
        description="Kommun name or 4-digit code; points outside its boundary are flagged.",
    )
    timezone: str = Field(default="Europe/Stockholm", description="Time zone of local times.")
    language: str = Field(default="sv", description="Language of user-facing text: sv or en.")
    online_geocoder: bool = Field(default=False, description="Allow Nominatim lookups.")
    nominatim_url: str = Field(default="https://nominatim.openstreetmap.org")
    nominatim_user_agent: str = Field(default="hotspots-geocoder")
    geocode_cache: Path | None = Field(default=None, description="Cache file for online lookups.")
    min_cell_count: int = Field(
        default=5,
        ge=1,
        description="Small-count suppression: on leadership, field and public maps, cells, "
        "hotspots and density spots resting on fewer incidents than this are hidden.",
    )

    max_upload_mb: float = Field(
        default=50, gt=0, description="Largest file accepted by the upload import, in MB."
    )
    max_upload_rows: int = Field(
        default=1_000_000, ge=1, description="Most rows one uploaded import may have."
    )
    max_photo_mb: float = Field(
        default=10, gt=0, description="Largest photo accepted for an observation, in MB."
    )

    request_timeout_s: float = Field(
        default=60, gt=0, description="A request that takes longer is answered 503."
    )

    auth: str = Field(
        default="on",
        description="'off' makes every caller an admin named 'lokal', with no token: only "
        "for a single-user laptop, never on a shared network.",
    )

    alert_webhook_url: str | None = Field(
        default=None,
        description="Alerts: POST them as JSON to this URL (alerts check --send).",
    )
    alert_email_to: str | None = Field(
        default=None, description="Alerts: e-mail them to these addresses (comma-separated)."
    )
    alert_link_base: str = Field(
        default="",
        description="Alerts: address of the service put before the map links, "
        "e.g. https://hotspots.example.se.",
    )
    alert_check_after_import: bool = Field(
        default=True, description="Alerts: check the last complete week after each upload import."
    )
    smtp_host: str | None = Field(default=None, description="SMTP server for alert e-mail.")
    smtp_port: int = Field(default=25, ge=1, le=65535, description="SMTP port.")
    smtp_from: str | None = Field(default=None, description="Sender address of alert e-mail.")
    smtp_starttls: bool = Field(default=False, description="Use STARTTLS on the SMTP connection.")
    smtp_user: str | None = Field(default=None, description="SMTP login (optional).")
    smtp_password: str | None = Field(default=None, description="SMTP password (optional).")

    @property
    def auth_off(self) -> bool:
        """True when ``HOTSPOTS_AUTH=off``: no login, every caller is the local admin."""
        return self.auth.strip().lower() == "off"

    @property
    def resolved_database_url(self) -> str:
        """The database URL, defaulting to ``sqlite:///hotspots.db`` in the working directory."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{Path.cwd() / 'hotspots.db'}"


@lru_cache
def get_settings() -> Settings:
    """Return the cached settings (tests call ``get_settings.cache_clear()``)."""
    return Settings()
