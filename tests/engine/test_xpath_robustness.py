"""Seeded random expressions: any input gives a value or an XPathError, never another exception
(a form author's odd expression must not crash an interview)."""

from __future__ import annotations

import random
from datetime import date, datetime

from app.engine.xpath import XPathError, compile_xpath, known_functions, to_number, to_string
from tests.engine.test_xpath import at, make_env

PATHS = [
    "/data/a",
    "/data/empty",
    "/data/missing",
    "/data/d",
    "/data/dt",
    "/data/multi",
    "/data/rep",
    "/data/rep/x",
    "/data/rep[2]",
    "../x",
    ".",
    "..",
    "current()/../y",
    "//v",
    "/data/@id",
    "instance('municipalities')/root/item",
    "instance('municipalities')/root/item[county = current()/../county]/name",
]
ATOMS = ["1", "0", "-1", "2.5", "1 div 0", "0 div 0", "'a b'", "''", "'2024-02-29'", "1e3", "'x'"]
ATOMS += ["today()", "now()", "'10:30'", "100000000", "-100000000", "true()", "'<&>'"]
OPERATORS = ["and", "or", "=", "!=", "<", "<=", ">", ">=", "+", "-", "*", "div", "mod", "|"]


def random_expression(rng: random.Random, depth: int = 0) -> str:
    roll = rng.random()
    if depth > 3 or roll < 0.3:
        return rng.choice(PATHS + ATOMS)
    if roll < 0.55:
        op = rng.choice(OPERATORS)
        return f"{random_expression(rng, depth + 1)} {op} {random_expression(rng, depth + 1)}"
    if roll < 0.6:
        return f"-({random_expression(rng, depth + 1)})"
    if roll < 0.7:
        return f"({random_expression(rng, depth + 1)})[{random_expression(rng, depth + 1)}]"
    name = rng.choice(known_functions())
    args = ", ".join(random_expression(rng, depth + 1) for _ in range(rng.randint(0, 4)))
    return f"{name}({args})"


def mutate(rng: random.Random, text: str) -> str:
    chars = list(text)
    for _ in range(rng.randint(1, 3)):
        position = rng.randrange(len(chars) + 1)
        if rng.random() < 0.5 and position < len(chars):
            del chars[position]
        else:
            chars.insert(position, rng.choice("()[]/'\"@.,:*|=<>-$# 0a"))
    return "".join(chars)


def test_random_expressions_give_values_or_xpath_errors() -> None:
    rng = random.Random(20240510)
    env = make_env()
    contexts = [at(env, "/data"), at(env, "/data/rep[2]/y"), at(env, "/data/b")]
    evaluated = 0
    for _ in range(1000):
        text = random_expression(rng)
        if rng.random() < 0.3:
            text = mutate(rng, text)
        try:
            expr = compile_xpath(text)
        except XPathError:
            continue
        assert isinstance(expr.references("/data/rep/y"), set)
        try:
            value = expr.evaluate(env, rng.choice(contexts))
        except XPathError:
            continue
        assert isinstance(value, str | float | bool | list | date | datetime), (text, value)
        to_string(value)
        to_number(value)
        evaluated += 1
    assert evaluated > 200  # many of the generated expressions do run


def test_deep_nesting_is_an_xpath_error_not_a_crash() -> None:
    deep = "(" * 2000 + "1" + ")" * 2000
    try:
        assert compile_xpath(deep).evaluate_number(make_env(), make_env().main) == 1
    except XPathError as error:
        assert "nested" in str(error)
