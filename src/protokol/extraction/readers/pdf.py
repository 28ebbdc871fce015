"""The text layer of a PDF; scans without one are refused with advice."""

from __future__ import annotations

import io

import pypdf
from pypdf.errors import DependencyError

from protokol.extraction.config import ReadLimits
from protokol.extraction.errors import ExtractionError
from protokol.extraction.readers.base import too_long, unreadable

# A scanned page may still carry a few letters (a scanner's watermark, a stamp).
_MIN_LETTERS_PER_PAGE = 8
# PDF allows junk before the header, and some generators write it.
_HEADER_WINDOW = 1024


def _encrypted() -> ExtractionError:
    return ExtractionError(
        "PDF защищён паролем, и прочитать его нельзя. Снимите защиту (сохраните копию без "
        "пароля) или загрузите исходный документ DOCX.",
        code="encrypted_pdf",
    )


def _open(data: bytes) -> pypdf.PdfReader:
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise _encrypted()
    except ExtractionError:
        raise
    except DependencyError as error:  # AES needs a cryptography library that is not installed
        raise _encrypted() from error
    except Exception as error:
        raise unreadable("PDF") from error
    return reader


class PdfReader:
    format = "pdf"
    extensions: tuple[str, ...] = (".pdf",)

    def sniffs(self, data: bytes) -> bool:
        return b"%PDF-" in data[:_HEADER_WINDOW]

    def read(self, data: bytes, limits: ReadLimits) -> str:
        reader = _open(data)
        pages: list[str] = []
        size = 0
        try:
            for page in reader.pages:
                text = page.extract_text() or ""
                size += len(text)
                # Counted page by page, so that a thousand pages over the limit are not read.
                if size > limits.text_chars:
                    raise too_long(limits.text_chars)
                pages.append(text)
        except ExtractionError:
            raise
        except DependencyError as error:
            raise _encrypted() from error
        except Exception as error:
            raise unreadable("PDF") from error
        text = "\n".join(pages)
        if sum(char.isalpha() for char in text) < _MIN_LETTERS_PER_PAGE * max(1, len(pages)):
            raise ExtractionError(
                "В PDF нет текстового слоя — похоже, это скан. Загрузите исходный документ "
                "DOCX или PDF с текстовым слоем (либо распознайте скан программой OCR).",
                code="no_text_layer",
            )
        return text
