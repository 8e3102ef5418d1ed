"""Dependencies of the routes, as ``Annotated`` aliases."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.templating import Jinja2Templates

from registry.catalog.releases import ReleaseCatalog
from registry.config import Settings


def get_catalog(request: Request) -> ReleaseCatalog:
    catalog: ReleaseCatalog = request.app.state.catalog
    return catalog


def get_settings_dep(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_templates(request: Request) -> Jinja2Templates:
    templates: Jinja2Templates = request.app.state.templates
    return templates


CatalogDep = Annotated[ReleaseCatalog, Depends(get_catalog)]
SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
TemplatesDep = Annotated[Jinja2Templates, Depends(get_templates)]
