from django.urls import path, re_path

from pulse.api.api import api
from pulse.api.errors import not_found_view, root_view

urlpatterns = [
    path("", root_view, name="api_root"),
    path("", api.urls),
    re_path(r"^.*$", not_found_view),  # anything else under /api/: a JSON 404, never a page
]
