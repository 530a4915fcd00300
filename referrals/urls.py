"""Clinical workspace URLs (language-prefixed): access, cases, coordination, referrals."""

app_name = "referrals"
urlpatterns = []
