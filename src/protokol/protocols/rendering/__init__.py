"""Documents sent to the regions on publication: the cover letter and the protocol extract.

Input is plain data (``data.py``), output is file bytes (DOCX via python-docx, PDF via fpdf2
with the vendored DejaVu fonts), so rendering needs neither the database nor system fonts.
"""

from .cover_letter import render_cover_letter_docx, render_cover_letter_pdf
from .extract import render_extract_docx, render_extract_pdf

__all__ = [
    "render_cover_letter_docx",
    "render_cover_letter_pdf",
    "render_extract_docx",
    "render_extract_pdf",
]
