#!/usr/bin/env python3
"""An ESIA + API ЕПГУ integration in Python with the standard library only and OpenSSL's GOST engine.

Written from the methodological recommendations and the API ЕПГУ spec, not from MockEsia's code: v2/ac with the APIPGU
consent, v3/te, the access token's GOST signature checked with `openssl dgst -verify`, then applications through API
ЕПГУ (reserve, one-chunk upload, details polled no more often than once a second, cancel when the status allows it).
A 401 from API ЕПГУ is met with one `prm_chg` renewal; 429, 5xx and the codes internal_error / limitation_exception with
at most three retries after 0.5, 1 and 2 seconds. A page of another person's application is refused without a call.

Usage: esia_epgu_app.py --port N --esia URL --cert client.pem --key client.key.pem --trust esia1.pem [--trust esia2.pem]
"""
import argparse
import base64
import datetime
import http.cookies
import http.server
import json
import os
import subprocess
import tempfile
import threading
import time
import traceback
import urllib.error
import urllib.parse
import urllib.request
import uuid

CLIENT_ID = "MOCKSYS"
SCOPE = "openid fullname"
ISSUER = "http://esia-portal1.test.gosuslugi.ru/"
SERVICE = "10000000113"
POLL_INTERVAL = 1.0
DELAYS = [0.5, 1.0, 2.0]
PERMISSIONS = [{"responsibleObject": "ООО «Питон»", "sysname": "APIPGU", "expire": 60, "actions": [{"sysname": "ALL_ACTIONS_TO_DATA"}],
                "purposes": [{"sysname": "APIPGU"}], "scopes": [{"sysname": "http://lk.gosuslugi.ru/api-order"}]}]


def b64url(data):
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def unb64url(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def openssl(args, data):
    return subprocess.run(["openssl"] + args, input=data, capture_output=True, check=False)


class Crypto:
    def __init__(self, cert, key, trusted):
        self.key = key
        der = subprocess.run(["openssl", "x509", "-in", cert, "-outform", "DER"], capture_output=True, check=True).stdout
        self.cert_hash = openssl(["dgst", "-engine", "gost", "-md_gost12_256", "-r"], der).stdout.decode().split()[0].upper()
        self.public_keys = []
        for path in trusted:
            pem = subprocess.run(["openssl", "x509", "-engine", "gost", "-in", path, "-pubkey", "-noout"], capture_output=True, check=True).stdout
            handle, name = tempfile.mkstemp(suffix=".pem")
            os.write(handle, pem)
            os.close(handle)
            self.public_keys.append(name)

    def sign(self, text):
        result = openssl(["dgst", "-engine", "gost", "-md_gost12_256", "-sign", self.key], text.encode())
        if result.returncode != 0:
            raise RuntimeError("openssl could not sign: " + result.stderr.decode())
        return b64url(result.stdout)

    def verify(self, token):
        """The person's oid from a valid ESIA access token, or None."""
        parts = token.split(".")
        if len(parts) != 3:
            return None
        try:
            header = json.loads(unb64url(parts[0]))
            claims = json.loads(unb64url(parts[1]))
            signature = unb64url(parts[2])
        except ValueError:
            return None
        if header.get("alg") != "GOST3410_2012_256" or not signature:
            return None
        handle, sig_path = tempfile.mkstemp()
        os.write(handle, signature)
        os.close(handle)
        try:
            signed = (parts[0] + "." + parts[1]).encode()
            if not any(openssl(["dgst", "-engine", "gost", "-md_gost12_256", "-verify", key, "-signature", sig_path], signed).returncode == 0
                       for key in self.public_keys):
                return None
        finally:
            os.remove(sig_path)
        now = time.time()
        if claims.get("iss") != ISSUER or claims.get("client_id") != CLIENT_ID:
            return None
        if not isinstance(claims.get("exp"), (int, float)) or claims["exp"] <= now - 60:
            return None
        if claims.get("nbf", 0) > now + 60 or claims.get("iat", 0) > now + 60:
            return None
        oid = claims.get("urn:esia:sbj_id")
        return oid if isinstance(oid, int) else None


class Esia:
    def __init__(self, base, crypto, redirect):
        self.base = base.rstrip("/")
        self.crypto = crypto
        self.redirect = redirect

    @staticmethod
    def timestamp():
        return datetime.datetime.now(datetime.timezone.utc).strftime("%Y.%m.%d %H:%M:%S +0000")

    def authorization_url(self, state):
        stamp = self.timestamp()
        query = {"client_id": CLIENT_ID, "scope": SCOPE, "response_type": "code", "state": state, "timestamp": stamp, "access_type": "online",
                 "redirect_uri": self.redirect, "client_secret": self.crypto.sign(CLIENT_ID + SCOPE + stamp + state + self.redirect),
                 "client_certificate_hash": self.crypto.cert_hash,
                 "permissions": b64url(json.dumps(PERMISSIONS, ensure_ascii=False).encode())}
        return self.base + "/aas/oauth2/v2/ac?" + urllib.parse.urlencode(query, quote_via=urllib.parse.quote)

    def token(self, grant, scope, extra, signed_tail):
        state, stamp = str(uuid.uuid4()), self.timestamp()
        form = {"client_id": CLIENT_ID, "grant_type": grant, "scope": scope, "state": state, "timestamp": stamp, "redirect_uri": self.redirect,
                "token_type": "Bearer", "client_certificate_hash": self.crypto.cert_hash,
                "client_secret": self.crypto.sign(CLIENT_ID + scope + stamp + state + self.redirect + signed_tail)}
        form.update(extra)
        request = urllib.request.Request(self.base + "/aas/oauth2/v3/te", data=urllib.parse.urlencode(form).encode(), method="POST")
        try:
            with urllib.request.urlopen(request, timeout=10) as answer:
                body = json.loads(answer.read())
        except (urllib.error.URLError, ValueError, OSError):
            return None
        if body.get("state") != state or not isinstance(body.get("access_token"), str):
            return None
        return body["access_token"]

    def exchange(self, code):
        return self.token("authorization_code", SCOPE, {"code": code}, code)

    def renew(self, oid):
        return self.token("client_credentials", "prm_chg?oid=%d" % oid, {}, "")


class Epgu:
    def __init__(self, base):
        self.base = base.rstrip("/")

    def call(self, session, method, path, body=None, content_type=None):
        """One API ЕПГУ call: (status, text); renews the token once after a 401, retries passing refusals three times."""
        renewed = False
        attempt = 0
        while True:
            request = urllib.request.Request(self.base + path, data=body, method=method)
            request.add_header("Authorization", "Bearer " + session["access"])
            if content_type:
                request.add_header("Content-Type", content_type)
            try:
                with urllib.request.urlopen(request, timeout=10) as answer:
                    return answer.status, answer.read().decode()
            except urllib.error.HTTPError as error:
                status, text = error.code, error.read().decode()
            except (urllib.error.URLError, OSError) as error:
                return 0, str(error)
            code = None
            try:
                code = json.loads(text).get("code") if text.startswith("{") else None
            except ValueError:
                pass
            if status == 401 and not renewed:
                renewed = True
                token = session["esia"].renew(session["oid"])
                if token is None or session["crypto"].verify(token) != session["oid"]:
                    return status, text
                session["access"] = token
                continue
            if (status in (429, 502, 503, 504) or code in ("internal_error", "limitation_exception")) and attempt < len(DELAYS):
                time.sleep(DELAYS[attempt])
                attempt += 1
                continue
            return status, text

    def reserve(self, session):
        meta = json.dumps({"region": "45000000000", "serviceCode": SERVICE, "targetCode": "-" + SERVICE}).encode()
        return self.call(session, "POST", "/api/gusmev/order", meta, "application/json")

    def upload(self, session, order_id, archive):
        boundary = uuid.uuid4().hex
        meta = json.dumps({"region": "45000000000", "serviceCode": SERVICE, "targetCode": "-" + SERVICE})
        parts = [("orderId", None, "text/plain", str(order_id).encode()), ("meta", None, "application/json", meta.encode()),
                 ("file", "application.zip", "application/zip", archive)]
        body = b""
        for name, filename, kind, content in parts:
            disposition = 'form-data; name="%s"' % name + ('; filename="%s"' % filename if filename else "")
            body += ("--%s\r\nContent-Disposition: %s\r\nContent-Type: %s\r\n\r\n" % (boundary, disposition, kind)).encode() + content + b"\r\n"
        body += ("--%s--\r\n" % boundary).encode()
        return self.call(session, "POST", "/api/gusmev/push/chunked", body, "multipart/form-data; boundary=" + boundary)

    def details(self, session, order_id):
        status, text = self.call(session, "POST", "/api/gusmev/order/%d" % order_id)
        if status != 200:
            return None
        envelope = json.loads(text)
        order = json.loads(envelope["order"]) if envelope.get("order") else {}
        return envelope.get("code", "OK"), order


def archive():
    import io
    import zipfile
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zipped:
        zipped.writestr("trans_py.xml", "<trans/>")
        zipped.writestr("req_py.xml", "<req/>")
    return buffer.getvalue()


class App(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, port, esia, epgu, crypto):
        super().__init__(("127.0.0.1", port), Handler)
        self.esia, self.epgu, self.crypto = esia, epgu, crypto
        self.sessions, self.states, self.orders = {}, set(), {}
        self.lock = threading.Lock()


class Handler(http.server.BaseHTTPRequestHandler):
    server: App
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def handle_one_request(self):
        # Every request answered, even when the app's own code fails: a 500 and the traceback on stderr.
        try:
            super().handle_one_request()
        except Exception:  # noqa: BLE001 - the app's last line of defence
            traceback.print_exc()
            self.close_connection = True
            try:
                self.page(500, "<p>Ошибка приложения</p>")
            except OSError:
                pass

    def page(self, status, body, headers=()):
        data = ('<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>Python app</title></head><body>%s</body></html>' % body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def redirect(self, location, headers=()):
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()

    def cookie(self, name):
        cookies = http.cookies.SimpleCookie(self.headers.get("Cookie", ""))
        return cookies[name].value if name in cookies else None

    def session(self):
        return self.server.sessions.get(self.cookie("py_sid") or "")

    def do_GET(self):
        url = urllib.parse.urlparse(self.path)
        query = urllib.parse.parse_qs(url.query)
        session = self.session()
        if url.path == "/":
            self.page(200, "<p>Главная</p>")
        elif url.path == "/login":
            state = str(uuid.uuid4())
            with self.server.lock:
                self.server.states.add(state)
            self.redirect(self.server.esia.authorization_url(state), [("Set-Cookie", "py_state=%s; HttpOnly; Path=/" % state)])
        elif url.path == "/signin-esia":
            self.callback(query)
        elif url.path == "/me":
            if session:
                self.page(200, "<p>Вы вошли: %d</p>" % session["oid"])
            else:
                self.page(401, "<p>Вы не вошли</p>")
        elif url.path == "/apply":
            if not session:
                return self.redirect("/login")
            self.page(200, '<form method="post" action="/apply"><button type="submit" data-testid="py-apply">Подать заявление</button></form>')
        elif url.path.startswith("/applications/"):
            if not session:
                return self.redirect("/login")
            self.application(session, url.path.split("/")[2])
        else:
            self.page(404, "<p>Нет такой страницы</p>")

    def do_POST(self):
        url = urllib.parse.urlparse(self.path)
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        session = self.session()
        if not session:
            return self.redirect("/login")
        if url.path == "/apply":
            self.apply(session)
        elif url.path.startswith("/applications/") and url.path.endswith("/cancel"):
            self.cancel(session, url.path.split("/")[2])
        else:
            self.page(404, "<p>Нет такой страницы</p>")

    def callback(self, query):
        state = (query.get("state") or [""])[0]
        with self.server.lock:
            known = state and state == self.cookie("py_state") and state in self.server.states
            self.server.states.discard(state)
        if not known:
            return self.page(400, "<p>Вход не выполнен: неверный state.</p>")
        if "error" in query or not query.get("code"):
            return self.page(400, "<p>ЕСИА отказала во входе.</p>")
        token = self.server.esia.exchange(query["code"][0])
        oid = self.server.crypto.verify(token) if token else None
        if oid is None:
            return self.page(401, "<p>Вход не выполнен: маркер не прошёл проверку.</p>")
        sid = str(uuid.uuid4())
        self.server.sessions[sid] = {"oid": oid, "access": token, "esia": self.server.esia, "crypto": self.server.crypto}
        self.redirect("/", [("Set-Cookie", "py_sid=%s; HttpOnly; Path=/" % sid)])

    def apply(self, session):
        status, text = self.server.epgu.reserve(session)
        if status == 200:
            order_id = json.loads(text)["orderId"]
            status, text = self.server.epgu.upload(session, order_id, archive())
            if status == 200:
                self.server.orders[order_id] = {"owner": session["oid"], "title": "Отправлено", "code": "OK", "closed": False, "cancel": False, "asked": 0.0}
                return self.redirect("/applications/%d" % order_id)
        code = None
        try:
            code = json.loads(text).get("code") if text.startswith("{") else None
        except ValueError:
            pass
        if code == "access_denied_person_permissions" or status == 401:
            return self.page(200, "<p>Нет согласия на подачу заявлений: войдите снова и дайте согласие.</p>")
        self.page(200, "<p>Не удалось подать заявление (%d %s). Попробуйте позже.</p>" % (status, code or ""))

    def application(self, session, raw_id, refresh=False):
        order = self.server.orders.get(int(raw_id)) if raw_id.isdigit() else None
        if order is None or order["owner"] != session["oid"]:
            return self.page(404, "<p>Нет такого заявления.</p>")
        if not order["closed"] and (refresh or time.monotonic() - order["asked"] >= POLL_INTERVAL):
            order["asked"] = time.monotonic()
            found = self.server.epgu.details(session, int(raw_id))
            if found:
                code, details = found
                statuses = details.get("statuses") or []
                order.update(title=details.get("orderStatusName", order["title"]), code=code, closed=bool(details.get("closed")),
                             cancel=bool(statuses and statuses[-1].get("cancelAllowed")))
        body = "<p>Заявление %s: <b>%s</b></p>" % (raw_id, order["title"])
        if order["code"] != "OK":
            body += "<p>Заявление не принято: %s</p>" % order["code"]
        if order["cancel"] and not order["closed"]:
            body += '<form method="post" action="/applications/%s/cancel"><button type="submit" data-testid="py-cancel">Отменить</button></form>' % raw_id
        self.page(200, body)

    def cancel(self, session, raw_id):
        order = self.server.orders.get(int(raw_id)) if raw_id.isdigit() else None
        if order is None or order["owner"] != session["oid"]:
            return self.page(404, "<p>Нет такого заявления.</p>")
        found = self.server.epgu.details(session, int(raw_id))
        statuses = (found[1].get("statuses") or []) if found else []
        if statuses and statuses[-1].get("cancelAllowed") and not found[1].get("closed"):
            self.server.epgu.call(session, "POST", "/api/gusmev/order/%s/cancel?reason=%s" % (raw_id, urllib.parse.quote("Отмена заявителем")))
            order["asked"] = 0.0
            return self.redirect("/applications/" + raw_id)
        self.page(200, "<p>Отменить заявление сейчас нельзя.</p>")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--esia", required=True)
    parser.add_argument("--cert", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--trust", action="append", required=True)
    args = parser.parse_args()
    crypto = Crypto(args.cert, args.key, args.trust)
    esia = Esia(args.esia, crypto, "http://127.0.0.1:%d/signin-esia" % args.port)
    app = App(args.port, esia, Epgu(args.esia), crypto)
    print("listening on %d" % args.port, flush=True)
    app.serve_forever()


if __name__ == "__main__":
    main()
