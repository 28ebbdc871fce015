"""Protocols and their instructions, as published to the caller's region."""

# No `from __future__ import annotations`: ninja reads the parameter types at run time.
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Router
from ninja.pagination import paginate

from protokol.api.common import ObjectId, caller, get_or_404
from protokol.api.errors import READ_ERRORS
from protokol.api.pagination import Pages
from protokol.api.schemas import InstructionOut, ProtocolOut
from protokol.protocols.models import Instruction, Protocol

router = Router(tags=["Протоколы и поручения"])

ProtocolState = Literal["draft", "published"]
InstructionState = Literal["draft", "published", "withdrawn", "closed"]


@router.get("/protocols", response={200: list[ProtocolOut], **READ_ERRORS}, summary="Протоколы")
@paginate(Pages)
def list_protocols(request: HttpRequest, state: ProtocolState | None = None) -> Any:
    protocols = Protocol.objects.visible_to(caller(request)).order_by("-date", "-id")
    if state:
        protocols = protocols.filter(state=state)
    return protocols


@router.get(
    "/protocols/{protocol_id}", response={200: ProtocolOut, **READ_ERRORS}, summary="Протокол"
)
def get_protocol(request: HttpRequest, protocol_id: ObjectId) -> Any:
    return get_or_404(Protocol.objects.visible_to(caller(request)), pk=protocol_id)


@router.get(
    "/instructions", response={200: list[InstructionOut], **READ_ERRORS}, summary="Поручения"
)
@paginate(Pages)
def list_instructions(
    request: HttpRequest,
    protocol: ObjectId | None = None,
    state: InstructionState | None = None,
) -> Any:
    user = caller(request)
    instructions = Instruction.objects.visible_to(user)
    if not user.sees_all_regions:
        # A region never sees drafts, even of a protocol published before.
        instructions = instructions.exclude(state=Instruction.State.DRAFT)
    if protocol is not None:
        instructions = instructions.filter(protocol_id=protocol)
    if state:
        instructions = instructions.filter(state=state)
    return instructions.order_by("protocol_id", "position", "id")


@router.get(
    "/instructions/{instruction_id}",
    response={200: InstructionOut, **READ_ERRORS},
    summary="Поручение",
)
def get_instruction(request: HttpRequest, instruction_id: ObjectId) -> Any:
    return get_or_404(Instruction.objects.visible_to(caller(request)), pk=instruction_id)
