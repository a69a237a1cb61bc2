"""English names for the ISO 639-1 codes services list under `languages`.

Covers the languages most spoken in the West Midlands and by people seeking asylum
there; a code not listed is shown as it is written, so nothing is hidden.
"""

from __future__ import annotations

NAMES = {
    "am": "Amharic", "ar": "Arabic", "bg": "Bulgarian", "bn": "Bengali", "cs": "Czech",
    "cy": "Welsh", "de": "German", "en": "English", "es": "Spanish", "fa": "Persian (Farsi)",
    "fr": "French", "gu": "Gujarati", "he": "Hebrew", "hi": "Hindi", "hu": "Hungarian",
    "it": "Italian", "ku": "Kurdish", "lt": "Lithuanian", "lv": "Latvian", "ml": "Malayalam",
    "ne": "Nepali", "no": "Norwegian", "om": "Oromo", "pa": "Punjabi", "pl": "Polish", "ps": "Pashto",
    "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sk": "Slovak", "so": "Somali",
    "sq": "Albanian", "sw": "Swahili", "ta": "Tamil", "ti": "Tigrinya", "tr": "Turkish",
    "uk": "Ukrainian", "ur": "Urdu", "vi": "Vietnamese", "yo": "Yoruba", "zh": "Chinese",
}


def language_name(code: str) -> str:
    return NAMES.get(code, code)
