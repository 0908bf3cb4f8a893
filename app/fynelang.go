package app

import (
	"encoding/json"

	"fyne.io/fyne/v2/lang"
)

// Fyne words its own dialogs (the file and folder choosers, confirm
// dialogs, an entry's menu) in the system's language, not the one the
// planner chose in the app: a Chinese interface on an English Windows
// showed "Open File", "Cancel" and "(Parent)". useFyneLanguage lays the
// chosen language's words over the ones Fyne picked for the system, so
// Fyne's dialogs follow the app's language, switched at run time too.
// (The names Fyne gives the favourite folders, "Home" and "Documents",
// are not translatable in Fyne 2.7.)

// fyneWords are Fyne's message keys in each language. The Chinese follows
// Fyne's own zh_Hans catalogue, with the wording of Chinese desktop
// software where it differs ("确定" for OK, "否" for No, "上级文件夹").
var fyneWords = map[string]map[string]any{
	"zh": {
		"Advanced": "高级", "Cancel": "取消", "Confirm": "确认", "Copy": "复制", "Create Folder": "新建文件夹",
		"Cut": "剪切", "Enter filename": "输入文件名", "Error": "错误", "Favourites": "收藏", "File": "文件",
		"Folder": "文件夹", "New Folder": "新文件夹", "No": "否", "OK": "确定", "Open": "打开", "Paste": "粘贴",
		"Quit": "退出", "Redo": "重做", "Save": "保存", "Select all": "全选", "Show Hidden Files": "显示隐藏文件",
		"Undo": "撤销", "Yes": "是",
		"file.name":   map[string]string{"other": "名称"},
		"file.parent": map[string]string{"other": "上级文件夹"},
	},
	"en": {
		"Advanced": "Advanced", "Cancel": "Cancel", "Confirm": "Confirm", "Copy": "Copy", "Create Folder": "Create Folder",
		"Cut": "Cut", "Enter filename": "Enter filename", "Error": "Error", "Favourites": "Favourites", "File": "File",
		"Folder": "Folder", "New Folder": "New Folder", "No": "No", "OK": "OK", "Open": "Open", "Paste": "Paste",
		"Quit": "Quit", "Redo": "Redo", "Save": "Save", "Select all": "Select all", "Show Hidden Files": "Show Hidden Files",
		"Undo": "Undo", "Yes": "Yes",
		"file.name":   map[string]string{"other": "Name"},
		"file.parent": map[string]string{"other": "Parent"},
	},
}

// useFyneLanguage makes Fyne's own dialogs speak l ("zh" or "en").
func useFyneLanguage(l string) {
	words, ok := fyneWords[l]
	if !ok {
		return
	}
	b, err := json.Marshal(words)
	if err != nil {
		return
	}
	// Fyne chooses the catalogue closest to the system's locale; the
	// chosen words replace that catalogue's.
	lang.AddTranslationsForLocale(b, lang.SystemLocale())
}
