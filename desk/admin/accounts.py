"""Django's own user and group admins, with the desk's answer to hostile URLs and
posts (``HostileInputAdmin``) like every other changelist of the site."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import admin as auth_admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from desk.admin.base import HostileInputAdmin

User = get_user_model()

for model in (User, Group):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


@admin.register(User)
class UserAdmin(HostileInputAdmin, auth_admin.UserAdmin):
    pass


@admin.register(Group)
class GroupAdmin(HostileInputAdmin, auth_admin.GroupAdmin):
    pass
