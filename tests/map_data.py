"""Test data shared by the map tests: a small Arabic graph's actors and hostile strings."""

HOSTILE_SENTENCE = "قال مصدر <script>window.pwned=1</script> و<img src=x onerror=window.pwned=2>"
HOSTILE_NAME = "<b>جماعة</b><img src=x onerror=window.pwned=3>"

ACTORS = [  # id, Arabic, English, type, discovered
    ("russia", "روسيا", "Russia", "state", False),
    ("iran", "إيران", "Iran", "state", False),
    ("ndf", "ميليشيا الدفاع الوطني", "National Defence Forces", "armed_group", False),
    ("irgc", "الحرس الثوري الإيراني", "Islamic Revolutionary Guard Corps", "armed_group", False),
    ("firas", "فراس العراقية", "Firas al-Iraqiya", "person", True),
]
