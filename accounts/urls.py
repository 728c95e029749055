from django.contrib.auth.decorators import login_not_required
from django.urls import path

from accounts import views

# Names as mozilla-django-oidc expects them (it reverses the callback's name itself).
urlpatterns = [
    path(
        "login/",
        login_not_required(views.OrganisationLoginView.as_view()),
        name="oidc_authentication_init",
    ),
    path(
        "callback/",
        login_not_required(views.OrganisationCallbackView.as_view()),
        name="oidc_authentication_callback",
    ),
    path("refused/", login_not_required(views.RefusedView.as_view()), name="oidc_refused"),
]
