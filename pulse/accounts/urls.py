from django.urls import path

from pulse.accounts import api_token_views, views

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.sign_in, name="sign_in"),
    path("sign-in/security-code/", views.sign_in_code, name="sign_in_code"),
    path("sign-in/set-up-authenticator/", views.set_up_mfa, name="set_up_mfa"),
    path("sign-out/", views.sign_out, name="sign_out"),
    path("home/", views.home, name="home"),
    path("account/", views.account, name="account"),
    path("account/api-tokens/", api_token_views.list_api_tokens, name="list_api_tokens"),
    path("account/api-tokens/add/", api_token_views.add_api_token, name="add_api_token"),
    path(
        "account/api-tokens/<int:token_id>/revoke/",
        api_token_views.revoke_api_token,
        name="revoke_api_token",
    ),
    path("password-reset/", views.password_reset, name="password_reset"),
    path("password-reset/sent/", views.password_reset_sent, name="password_reset_sent"),
    path(
        "password-reset/<uidb64>/<token>/",
        views.PasswordSetView.as_view(),
        name="password_reset_confirm",
    ),
    path("password-reset/done/", views.password_set_done, name="password_set_done"),
]
