"""Jinja2 templates compiled once a process, whichever environment reads them (``COMPILED``)."""

from __future__ import annotations

from collections.abc import Hashable

import jinja2


class CompiledTemplates(jinja2.BytecodeCache):
    """Each template source compiled once per process, whichever environment or folder it is read from: the
    page templates of every ``make_env`` environment, and the theme's (MkDocs makes the theme's environment anew
    on every build, and ``mkdocs serve`` would compile Material's templates again on every edit).

    Keyed by the source's checksum and every option of the environment that changes the compiled code: an edited
    template is a new source, compiled anew; two environments that compile a source differently keep apart."""

    def __init__(self) -> None:
        self._code: dict[Hashable, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if (code := self._code.get(_compiled_key(bucket))) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[_compiled_key(bucket)] = bucket.bytecode_to_string()


def _compiled_key(bucket: jinja2.bccache.Bucket) -> Hashable:
    env = bucket.environment
    syntax = (
        env.block_start_string,
        env.block_end_string,
        env.variable_start_string,
        env.variable_end_string,
        env.comment_start_string,
        env.comment_end_string,
        env.line_statement_prefix,
        env.line_comment_prefix,
    )
    lexing = (env.trim_blocks, env.lstrip_blocks, env.keep_trailing_newline, env.newline_sequence)
    code = (tuple(sorted(env.extensions)), getattr(env, "newstyle_gettext", False), env.autoescape, env.optimized,
            env.is_async, env.finalize is not None, env.undefined)  # fmt: skip
    return bucket.checksum, syntax, lexing, code


COMPILED = CompiledTemplates()  # the one per process: make_env's environments, the MkDocs theme's, and init's
