"""Routes: citizen promises (in progress)."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
