"""MockEsia from a Python test suite: the container and the admin API over HTTP, with the standard library only.

    MOCKESIA_IMAGE=mockesia python3 -m unittest examples/python-tests/test_mockesia.py -v

Needs the docker CLI and a daemon (DOCKER_HOST is honoured). Starts one container for the module on a free port,
resets MockEsia before each test, and removes the container at the end.
"""
import json
import os
import socket
import subprocess
import time
import unittest
import urllib.error
import urllib.parse
import urllib.request

IMAGE = os.environ.get("MOCKESIA_IMAGE", "mockesia")
DOCKER = os.environ.get("DOCKER", "docker")
ESIA = None
CONTAINER = None


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(method, path, body=None, form=None):
    """One request to MockEsia; returns (status, parsed JSON or text)."""
    data, headers = None, {}
    if body is not None:
        data, headers = json.dumps(body).encode(), {"Content-Type": "application/json"}
    if form is not None:
        data, headers = urllib.parse.urlencode(form).encode(), {"Content-Type": "application/x-www-form-urlencoded"}
    request = urllib.request.Request(ESIA + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            status, text = response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        status, text = error.code, error.read().decode()
    try:
        return status, json.loads(text)
    except ValueError:
        return status, text


def setUpModule():
    global ESIA, CONTAINER
    port = free_port()
    CONTAINER = subprocess.run([DOCKER, "run", "-d", "--rm", "-p", f"127.0.0.1:{port}:8080", "-e", "MockEsia__StrictConfiguration=true", IMAGE],
                               check=True, capture_output=True, text=True).stdout.strip()
    ESIA = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if call("GET", "/health")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"MockEsia ({IMAGE}) did not answer /health within 60 s")


def tearDownModule():
    if CONTAINER:
        subprocess.run([DOCKER, "rm", "-f", CONTAINER], capture_output=True)


class MockEsiaAdminApi(unittest.TestCase):
    def setUp(self):
        self.assertEqual(call("POST", "/__admin/reset")[0], 204)

    def test_the_bundled_test_system_is_registered(self):
        status, clients = call("GET", "/__admin/clients")
        self.assertEqual(status, 200)
        self.assertIn("MOCKSYS", [c["clientId"] for c in clients])

    def test_an_unsigned_token_request_is_refused_and_journalled_with_the_diagnosis(self):
        status, body = call("POST", "/aas/oauth2/v3/te", form={"client_id": "MOCKSYS", "grant_type": "client_credentials", "scope": "openid"})
        self.assertEqual(status, 400)
        self.assertTrue(body["error"])
        status, entries = call("GET", "/__admin/journal?endpoint=v3/te&clientId=MOCKSYS")
        self.assertEqual(status, 200)
        self.assertTrue(entries, "the refused request is in the journal")
        self.assertTrue(entries[0]["diagnostic"], "with MockEsia's diagnosis of why")

    def test_a_fault_and_the_virtual_clock_are_set_through_the_admin_api(self):
        status, fault = call("POST", "/__admin/faults", {"endpoint": "Token", "kind": "Error", "errorCode": "ESIA-007011"})
        self.assertEqual(status, 201)
        self.assertEqual([f["id"] for f in call("GET", "/__admin/faults")[1]], [fault["id"]])
        before = call("GET", "/__admin/clock")[1]["now"]
        self.assertEqual(call("POST", "/__admin/clock/freeze")[0], 200)
        status, clock = call("POST", "/__admin/clock/advance", {"seconds": 3600})
        self.assertEqual(status, 200)
        self.assertGreater(clock["now"], before)


if __name__ == "__main__":
    unittest.main()
