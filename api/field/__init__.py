"""The field app (``/falt``): its checklist, page, script, style, manifest and service worker.

The browser texts are Python string constants, so they ship with the package like any module.
"""
