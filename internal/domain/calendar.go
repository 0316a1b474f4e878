package domain

// PermEditCalendar guards entering, importing and reverting the office's holiday
// schedules (系统设置 → 工作日历): DOMAIN.md §6 gives the holiday calendar to the administrator.
var PermEditCalendar = NewPermission("calendar.edit", RoleAdmin)
