from django.urls import path

from pulse.organisations import views

app_name = "organisations"

urlpatterns = [
    path("", views.show_ics, name="show_ics"),
    path("places/", views.list_places, name="list_places"),
    path("places/add/", views.add_place, name="add_place"),
    path("places/<int:place_id>/change/", views.edit_place, name="edit_place"),
    path("places/<int:place_id>/remove/", views.remove_place, name="remove_place"),
    path("partners/", views.list_partners, name="list_partners"),
    path("partners/add/", views.add_partner, name="add_partner"),
    path("partners/<int:partner_id>/change/", views.edit_partner, name="edit_partner"),
    path("partners/<int:partner_id>/remove/", views.remove_partner, name="remove_partner"),
    path("people/", views.list_members, name="list_members"),
    path("people/add/", views.add_member, name="add_member"),
    path("people/<int:membership_id>/remove/", views.remove_member, name="remove_member"),
]
