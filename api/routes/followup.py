"""Routes: measure follow-up (in progress)."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
