"""The HTTP face of the stand-in: Bot API requests in, Telegram-shaped answers out."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from aiohttp import web

from standin.errors import ApiError, bad_request, too_many_requests
from standin.faults import Call, Calls, Fault, Faults
from standin.limits import FloodControl
from standin.messages import Handler
from standin.params import Params, read_params
from standin.state import State

SENDS = frozenset({"sendMessage", "sendDocument", "sendPhoto"})
# Real Bot API methods the stand-in does not implement: a call is a loud 400, not a silent success.
UNSUPPORTED = frozenset(name.lower() for name in (
    "forwardMessage forwardMessages copyMessage copyMessages sendAudio sendVideo sendAnimation sendVoice "
    "sendVideoNote sendPaidMedia sendMediaGroup sendLocation sendVenue sendContact sendPoll sendDice "
    "sendSticker sendInvoice sendGame editMessageCaption editMessageMedia editMessageLiveLocation "
    "stopMessageLiveLocation stopPoll deleteMessages setMessageReaction getUserProfilePhotos "
    "getChatMember getChatAdministrators getChatMemberCount leaveChat banChatMember unbanChatMember "
    "restrictChatMember promoteChatMember pinChatMessage unpinChatMessage unpinAllChatMessages "
    "setChatTitle setChatDescription setChatPhoto deleteChatPhoto exportChatInviteLink "
    "createChatInviteLink answerInlineQuery setMyName getMyName setMyDescription getMyDescription "
    "setMyShortDescription getMyShortDescription setMyDefaultAdministratorRights "
    "getMyDefaultAdministratorRights getUserChatBoosts getBusinessConnection answerWebAppQuery"
).split())


class Dispatcher:
    """Routes one call: token, method, scripted faults, flood control, then the method itself."""

    def __init__(self, token: str, handlers: dict[str, Handler], state: State, faults: Faults,
                 flood: FloodControl, calls: Calls, clock: Callable[[], float]) -> None:
        self.token, self.state, self.faults, self.flood = token, state, faults, flood
        self.calls, self.clock = calls, clock
        self.handlers = {name.lower(): (name, handler) for name, handler in handlers.items()}

    async def api(self, request: web.Request) -> web.Response:
        """POST (or GET) /bot<token>/<method>."""
        try:
            result = await self._answer(request)
        except ApiError as error:
            return web.json_response(error.body(), status=error.code)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            # Malformed parameters the stand-in cannot read: loud, and never a retryable 5xx.
            malformed = bad_request(f"malformed parameters ({type(exc).__name__}: {exc})")
            return web.json_response(malformed.body(), status=400)
        return web.json_response({"ok": True, "result": result})

    async def _answer(self, request: web.Request) -> Any:
        if request.match_info["token"] != self.token:
            raise ApiError(401, "Unauthorized")
        asked = request.match_info["method"].lower()
        if asked not in self.handlers:
            if asked in UNSUPPORTED:
                raise bad_request("method not supported by the stand-in")
            raise ApiError(404, "Not Found")
        name, handler = self.handlers[asked]
        params = await read_params(request)
        self.calls.add(Call(name, params.decoded(), self.clock()))
        fault = self.faults.take(name)
        if fault is not None and not fault.after_delivery:
            await self._fail(fault)
        result = await self._run(name, handler, params)
        if fault is not None:
            await self._fail(fault)
        return result

    async def _fail(self, fault: Fault) -> None:
        if fault.hang:
            # Held until the client gives up and goes (the handler is cancelled) or the stand-in stops.
            await self.faults.hold()
            raise ApiError(504, "Gateway Timeout")
        assert fault.error is not None
        raise fault.error

    async def _run(self, name: str, handler: Handler, params: Params) -> Any:
        if name not in SENDS:
            return await handler(params)
        chaos = self.faults.chaos
        if chaos is not None and chaos.in_burst(self.clock()):
            chaos.injected["429 in a burst"] += 1
            raise too_many_requests(chaos.retry_after)
        chat_id = int(params.text("chat_id")) if params.text("chat_id").lstrip("-").isdigit() else 0
        wait = self.flood.admit(chat_id)
        if wait:
            self.calls.rate_limited += 1
            raise too_many_requests(wait)
        try:
            return await handler(params)
        except (ApiError, asyncio.CancelledError):
            self.flood.refund(chat_id)
            raise

    async def file(self, request: web.Request) -> web.StreamResponse:
        """GET /file/bot<token>/<file_path>: a file the bot or a person uploaded."""
        if request.match_info["token"] != self.token:
            raise web.HTTPUnauthorized()
        found = self.state.files.get(request.match_info["path"].removeprefix("files/"))
        if found is None:
            raise web.HTTPNotFound()
        return web.Response(body=found[1], content_type="application/octet-stream")


def build(dispatcher: Dispatcher) -> web.Application:
    """The aiohttp application: the Bot API and its file downloads."""
    app = web.Application(client_max_size=50 * 1024 * 1024)
    app.router.add_route("*", "/bot{token}/{method}", dispatcher.api)
    app.router.add_get("/file/bot{token}/{path:.+}", dispatcher.file)
    return app
