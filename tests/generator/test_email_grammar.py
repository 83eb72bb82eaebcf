"""The e-mail grammar of the answers: what it accepts, Python's own e-mail parser reads back whole."""

from __future__ import annotations

import itertools
from email.utils import parseaddr

import pytest

from telepolicy.generator.project.values import email_problem

LOCALS = ["a", "privacy", "first.last", "a_b", "a+tag", "a-b", "a%b", "x1.y2.z3", "A.B"]
HOSTS = ["example.com", "mail.example.co.uk", "xn--bcher-kva.example", "bücher.example", "a-b.example", "d1.example"]
REFUSED = [
    ".a@example.com",
    "a.@example.com",
    "a..b@example.com",
    "a b@example.com",
    "a@b@example.com",
    '"a"@example.com',
    "a@example",
    "a@-x.example",
    "a@x_y.example",
    "Name <a@example.com>",
    "a,b@example.com",
]


@pytest.mark.parametrize(("local", "host"), list(itertools.product(LOCALS, HOSTS)))
def test_every_accepted_address_reads_back_whole_through_the_e_mail_parser(local, host):
    address = f"{local}@{host}"
    assert email_problem(address) is None
    assert parseaddr(address) == ("", address)


@pytest.mark.parametrize("address", REFUSED)
def test_addresses_the_parser_would_split_or_change_are_refused(address):
    assert email_problem(address) is not None
