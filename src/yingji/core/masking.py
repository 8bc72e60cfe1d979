"""Masking personal data (个人信息保护法) in lists, exports and logs unless the role needs it."""


def mask_phone(value: str) -> str:
    digits = value or ""
    if len(digits) >= 7:
        return f"{digits[:3]}****{digits[-4:]}"
    return "****" if digits else ""


def masked_value(registry, user, name: str, value):
    permission = registry.masked_fields.get(name)
    if permission and not (user and user.has_perm(permission)):
        return mask_phone(str(value or ""))
    return value
