"""A FeedAMP access token from `orderlint sandbox`, got the way a seller and a client get one:
the authorize page, the seller's sign-in (form, session cookie), the consent form with its
CSRF token, the redirect to the callback with a code, and the code traded at /access_token.
Prints the access token. Standard library only.

    python feedamp_token.py http://127.0.0.1:PORT/feedamp [CLIENT_ID CLIENT_SECRET]
"""

import html.parser
import json
import secrets
import sys
import urllib.error
import urllib.parse
import urllib.request

SELLER = ("seller@sandbox.example", "sandbox-password")
CALLBACK = "http://127.0.0.1/feedamp-callback/"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the 3xx comes back as it is: its Location and Set-Cookie are the point


class Hidden(html.parser.HTMLParser):
    """A page's hidden form fields."""

    def __init__(self):
        super().__init__()
        self.fields = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and a.get("type") == "hidden" and a.get("name"):
            self.fields[a["name"]] = a.get("value") or ""


def fail(step, status, body):
    sys.exit(f"feedamp_token: {step} answered {status}: {body[:500]}")


def call(opener, method, url, form=None, cookie=None, origin=None):
    data = urllib.parse.urlencode(form).encode() if form is not None else None
    req = urllib.request.Request(url, data=data, method=method)
    if form is not None:
        req.add_header("Content-Type", "application/x-www-form-urlencoded")
    if cookie:
        req.add_header("Cookie", cookie)
    if origin:
        req.add_header("Origin", origin)
    try:
        with opener.open(req, timeout=10) as r:
            return r.status, r.headers, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read().decode()


def token(base, client_id, client_secret):
    base = base.rstrip("/")
    origin = "{0.scheme}://{0.netloc}".format(urllib.parse.urlsplit(base))
    opener = urllib.request.build_opener(NoRedirect)
    state = secrets.token_urlsafe(24)
    query = urllib.parse.urlencode(
        {"response_type": "code", "client_id": client_id, "redirect_url": CALLBACK, "state": state}
    )
    status, headers, body = call(opener, "GET", f"{base}/authorize?{query}")
    request_id = headers.get("X-Sandbox-Request") if status == 200 else None
    if not request_id or 'id="sign-in"' not in body:
        fail("GET /authorize (the sign-in page)", status, body)

    form = {"username": SELLER[0], "password": SELLER[1], "request": request_id}
    status, headers, body = call(opener, "POST", f"{base}/login", form, origin=origin)
    session = next(
        (c.split(";")[0] for c in headers.get_all("Set-Cookie") or [] if c.startswith("feedamp_session=")),
        None,
    )
    if status != 303 or not session:
        fail("POST /login (the seller's sign-in)", status, body)

    status, headers, body = call(opener, "GET", f"{base}/consent?request={urllib.parse.quote(request_id)}", cookie=session)
    page = Hidden()
    page.feed(body)
    if status != 200 or "csrf_token" not in page.fields:
        fail("GET /consent (the consent page)", status, body)

    form = {"request": request_id, "csrf_token": page.fields["csrf_token"], "approve": "true"}
    status, headers, body = call(opener, "POST", f"{base}/decision", form, cookie=session, origin=origin)
    location = headers.get("Location") or ""
    back = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(location).query))
    if status not in (302, 303) or not location.startswith(CALLBACK) or back.get("state") != state or not back.get("code"):
        fail(f"POST /decision (approve; Location {location!r})", status, body)

    form = {"grant_type": "authorization_code", "code": back["code"], "client_id": client_id, "client_secret": client_secret}
    status, headers, body = call(opener, "POST", f"{base}/access_token", form)
    try:
        access = json.loads(body)["access_token"]
    except (ValueError, KeyError, TypeError):
        access = None
    if status != 200 or not access:
        fail("POST /access_token (the code traded)", status, body)
    return access


if __name__ == "__main__":
    if len(sys.argv) not in (2, 4):
        sys.exit(__doc__)
    client = sys.argv[2:4] or ["sandbox-client", "sandbox-secret"]
    print(token(sys.argv[1], *client))
